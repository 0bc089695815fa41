#pragma once

#include <QMainWindow>

class QLabel;

/** The console's window. For now it tells the operator which database the console uses. */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows which database is in use: its kind ("SQLite") and where it is (path or URL without password).
    void setDatabase(const QString &backend, const QString &location);

private:
    QLabel *m_databaseLabel;
};
