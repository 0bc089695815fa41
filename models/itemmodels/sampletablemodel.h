#pragma once

#include "storage/samplequery.h"

#include <QAbstractTableModel>

#include <functional>

/**
 * Raw samples of one kind as a table, for the session detail. The columns are given as (title,
 * value) pairs, so that one model serves connection and streaming samples alike.
 */
class SampleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column
    {
        QString title;
        std::function<QVariant(const StoredSample &)> value;
    };

    explicit SampleTableModel(QList<Column> columns, QObject *parent = nullptr);
    ~SampleTableModel() override;

    static QList<Column> connectionColumns();
    static QList<Column> streamingColumns();

    void setSamples(const QList<StoredSample> &samples);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Column> m_columns;
    QList<StoredSample> m_samples;
};
