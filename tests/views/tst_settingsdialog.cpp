#include "settingsdialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    static ConsolePreferences sample()
    {
        return { QStringLiteral("sqlite:///var/lib/vibestream/data.db"), QStringLiteral("127.0.0.1"), 8080, 30,
            6 * 3600 };
    }

private slots:
    void showsAndReturnsThePreferences()
    {
        SettingsDialog dialog(sample());
        QCOMPARE(dialog.preferences(), sample());
        QVERIFY(dialog.problem().isEmpty());
        const QList<QSpinBox *> spins = dialog.findChildren<QSpinBox *>();
        QCOMPARE(spins.size(), 2);
        spins.at(1)->setValue(5); // refresh interval
        dialog.findChild<QComboBox *>()->setCurrentIndex(0); // 15 minutes
        ConsolePreferences expected = sample();
        expected.refreshIntervalSeconds = 5;
        expected.defaultWindowSeconds = 15 * 60;
        QCOMPARE(dialog.preferences(), expected);
    }

    void refusesInvalidFields_data()
    {
        QTest::addColumn<int>("field"); // 0: database URL, 1: bind address
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problemStart");
        QTest::addRow("relative SQLite path")
            << 0 << QStringLiteral("sqlite://data.db") << QStringLiteral("A SQLite URL");
        QTest::addRow("unknown scheme") << 0 << QStringLiteral("mysql://h/db")
                                        << QStringLiteral("Unknown database scheme");
        QTest::addRow("host name as address")
            << 1 << QStringLiteral("localhost") << QStringLiteral("The address to listen on must be an IP address");
    }

    void refusesInvalidFields()
    {
        QFETCH(int, field);
        QFETCH(QString, text);
        QFETCH(QString, problemStart);
        SettingsDialog dialog(sample());
        dialog.findChildren<QLineEdit *>().at(field)->setText(text);
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible()); // OK did not close it
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().startsWith(problemStart), qPrintable(dialog.problem()));
        dialog.findChildren<QLineEdit *>().at(field)->setText(
            field == 0 ? sample().databaseUrl : QStringLiteral("::1"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
