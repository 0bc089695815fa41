#pragma once

#include "analytics/figures.h"

#include <QWidget>

class KpiTile;
class MixChart;
class QLabel;
class QStackedLayout;

/** The seed's dashboard: six KPI tiles with their change, the quality distribution and the type mix. */
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    // `windowName` names the window ("hour"), for "vs previous hour".
    void setSnapshot(const DashboardSnapshot &snapshot, const QString &windowName);
    // Where peers post, for the first-metric hint shown while the window holds no data.
    void setIngestUrl(const QString &baseUrl);

    bool showsEmptyState() const;
    QString emptyHintText() const;
    const KpiTile *tile(int index) const { return m_tiles.at(index); }
    static constexpr int TileCount = 6;
    const MixChart *qualityChart() const { return m_quality; }
    const MixChart *typeChart() const { return m_types; }

private:
    void updateEmptyHint(const QString &windowName);

    std::array<KpiTile *, TileCount> m_tiles {};
    MixChart *m_quality;
    MixChart *m_types;
    QLabel *m_emptyHint;
    QStackedLayout *m_stack;
    QString m_ingestUrl = QStringLiteral("http://127.0.0.1:8080");
};
