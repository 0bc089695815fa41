#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_databaseLabel(new QLabel(this))
{
    setWindowTitle(tr("VibeStream Console"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *title = new QLabel(tr("<h2>VibeStream Console</h2>"), central);
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_databaseLabel->setAccessibleName(tr("Database in use"));
    layout->addWidget(title);
    layout->addWidget(m_databaseLabel);
    layout->addStretch();
    setCentralWidget(central);
    resize(800, 500);
}

MainWindow::~MainWindow() = default;

void MainWindow::setDatabase(const QString &backend, const QString &location)
{
    m_databaseLabel->setText(tr("Database: %1 at %2").arg(backend, location));
    statusBar()->showMessage(tr("%1 database ready").arg(backend));
}
