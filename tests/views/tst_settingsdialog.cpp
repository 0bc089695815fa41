#include "settingsdialog.h"

#include <QComboBox>
#include <QLabel>
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
            6 * 3600, QStringLiteral("https://hooks.example.com/vibestream"), { 14, 90 } };
    }

    // The widget a form label names.
    template<typename Widget> static Widget *labelled(const SettingsDialog &dialog, const QString &label)
    {
        for (QLabel *caption : dialog.findChildren<QLabel *>()) {
            if (caption->text() == label)
                return qobject_cast<Widget *>(caption->buddy());
        }
        return nullptr;
    }
    static QLineEdit *field(const SettingsDialog &dialog, const QString &label)
    {
        return labelled<QLineEdit>(dialog, label);
    }
    static QSpinBox *spinBox(const SettingsDialog &dialog, const QString &label)
    {
        QSpinBox *box = labelled<QSpinBox>(dialog, label);
        if (!box)
            qFatal("no spin box labelled %s", qPrintable(label));
        return box;
    }

private slots:
    void showsAndReturnsThePreferences()
    {
        SettingsDialog dialog(sample());
        QCOMPARE(dialog.preferences(), sample());
        QVERIFY(dialog.problem().isEmpty());
        const QList<QSpinBox *> spins = dialog.findChildren<QSpinBox *>();
        QCOMPARE(spins.size(), 4);
        spins.at(1)->setValue(5); // refresh interval
        dialog.findChild<QComboBox *>()->setCurrentIndex(0); // 15 minutes
        spinBox(dialog, QStringLiteral("Keep raw &samples for:"))->setValue(7);
        spinBox(dialog, QStringLiteral("Keep roll&ups for:"))->setValue(365);
        ConsolePreferences expected = sample();
        expected.refreshIntervalSeconds = 5;
        expected.defaultWindowSeconds = 15 * 60;
        expected.retention = { 7, 365 };
        QCOMPARE(dialog.preferences(), expected);
    }

    void refusesRollupsKeptShorterThanSamples()
    {
        SettingsDialog dialog(sample());
        spinBox(dialog, QStringLiteral("Keep roll&ups for:"))->setValue(10); // raw samples: 14 days
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.problem().startsWith(QStringLiteral("Rollups are made from the raw samples")),
            qPrintable(dialog.problem()));
        spinBox(dialog, QStringLiteral("Keep roll&ups for:"))->setValue(14);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void refusesInvalidFields_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problemStart");
        QTest::addRow("relative SQLite path")
            << QStringLiteral("&Database URL:") << QStringLiteral("sqlite://data.db") << QStringLiteral("A SQLite URL");
        QTest::addRow("unknown scheme") << QStringLiteral("&Database URL:") << QStringLiteral("mysql://h/db")
                                        << QStringLiteral("Unknown database scheme");
        QTest::addRow("host name as address") << QStringLiteral("&Listen on address:") << QStringLiteral("localhost")
                                              << QStringLiteral("The address to listen on must be an IP address");
        QTest::addRow("webhook without scheme")
            << QStringLiteral("Alert web&hook:") << QStringLiteral("hooks.example.com")
            << QStringLiteral("The alert webhook must be an http or https URL");
        QTest::addRow("webhook over ftp") << QStringLiteral("Alert web&hook:") << QStringLiteral("ftp://example.com/x")
                                          << QStringLiteral("The alert webhook must be an http or https URL");
    }

    void refusesInvalidFields()
    {
        QFETCH(QString, label);
        QFETCH(QString, text);
        QFETCH(QString, problemStart);
        SettingsDialog dialog(sample());
        QLineEdit *edit = field(dialog, label);
        QVERIFY(edit);
        const QString valid = edit->text();
        edit->setText(text);
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible()); // OK did not close it
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().startsWith(problemStart), qPrintable(dialog.problem()));
        edit->setText(valid);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
