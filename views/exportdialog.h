#pragma once

#include "reports/reportexporter.h"

#include <QDialog>

class ExportWorker;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

/**
 * File > Export…: what to export (report type, format), which data (period, user, session,
 * connection type, quality; prefilled with the console's active filters) and where. The export
 * runs on the ExportWorker's thread under a progress bar with a Cancel button; once written, the
 * dialog offers to open the file.
 */
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(ExportWorker *worker, const ReportFilter &initial, QWidget *parent = nullptr);
    ~ExportDialog() override;

    ExportRequest request() const;
    // Why the export cannot run as filled in; empty when it can.
    QString problem() const;
    bool isExporting() const { return m_exportNumber != 0; }

public slots:
    void startExport();
    void cancelExport();
    void openExportedFile();

private:
    void updateState();
    void finishExport(quint64 exportNumber, const QString &error);
    void chooseDestination();

    ExportWorker *m_worker;
    QComboBox *m_type;
    QComboBox *m_format;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLineEdit *m_user;
    QLineEdit *m_session;
    QComboBox *m_connectionType;
    QComboBox *m_quality;
    QLineEdit *m_path;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QPushButton *m_open;
    QString m_written; // the file the last export wrote
    quint64 m_exportNumber = 0; // the worker's number of this dialog's running export; 0 for none
};
