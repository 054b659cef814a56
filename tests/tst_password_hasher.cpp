// PasswordHasher: libsodium's Argon2id at OWASP's minimum cost (19 MiB, 2 passes) or more.
#include "auth/passwordhasher.h"
#include "testdatabase.h"

#include <QRegularExpression>
#include <QTest>

using namespace tandem;

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hash_isArgon2idAtLeastOwaspCost()
    {
        auto hash = PasswordHasher::hash(QStringLiteral("correct horse battery staple"));
        TANDEM_VERIFY_OK(hash);
        static const QRegularExpression format(
            QStringLiteral("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$"));
        const auto match = format.match(hash.value());
        QVERIFY2(match.hasMatch(), qPrintable(hash.value()));
        QVERIFY(match.captured(1).toInt() >= 19456); // KiB
        QVERIFY(match.captured(2).toInt() >= 2);
        QCOMPARE(match.captured(3).toInt(), 1);
    }

    void hash_samePasswordTwice_usesDifferentSalts()
    {
        auto first = PasswordHasher::hash(QStringLiteral("same password"));
        auto second = PasswordHasher::hash(QStringLiteral("same password"));
        TANDEM_VERIFY_OK(first);
        TANDEM_VERIFY_OK(second);
        QCOMPARE_NE(first.value(), second.value());
        QVERIFY(PasswordHasher::verify(first.value(), QStringLiteral("same password")));
        QVERIFY(PasswordHasher::verify(second.value(), QStringLiteral("same password")));
    }

    void verify_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("wrong");
        QTest::newRow("ascii") << QStringLiteral("hunter22") << QStringLiteral("hunter23");
        QTest::newRow("empty") << QString() << QStringLiteral(" ");
        QTest::newRow("1024 characters") << QString(1024, u'x') << QString(1023, u'x');
        QTest::newRow("unicode") << QStringLiteral("Zoë's пароль 🔑 密码") << QStringLiteral("Zoe's пароль 🔑 密码");
        QTest::newRow("case matters") << QStringLiteral("Password1") << QStringLiteral("password1");
        QTest::newRow("a NUL inside") << QString(QStringLiteral("before") + QChar(0) + QStringLiteral("after"))
                                      << QStringLiteral("before");
    }

    void verify()
    {
        QFETCH(QString, password);
        QFETCH(QString, wrong);
        auto hash = PasswordHasher::hash(password);
        TANDEM_VERIFY_OK(hash);
        QVERIFY(PasswordHasher::verify(hash.value(), password));
        QVERIFY(!PasswordHasher::verify(hash.value(), wrong));
        QVERIFY(!PasswordHasher::needsRehash(hash.value()));
    }

    void verify_malformedHash_isFalse_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("not a hash");
        QTest::newRow("truncated") << QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$");
        QTest::newRow("bcrypt") << QStringLiteral("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW");
        QTest::newRow("too long") << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + QString(500, u'A'));
    }

    void verify_malformedHash_isFalse()
    {
        QFETCH(QString, hash);
        QVERIFY(!PasswordHasher::verify(hash, QStringLiteral("anything")));
        QVERIFY(!PasswordHasher::verify(hash, QString()));
    }

    void verify_tamperedHash_isFalse()
    {
        auto hash = PasswordHasher::hash(QStringLiteral("tamper proof"));
        TANDEM_VERIFY_OK(hash);
        QString tampered = hash.value();
        const qsizetype last = tampered.size() - 2;
        tampered[last] = tampered.at(last) == u'A' ? u'B' : u'A';
        QVERIFY(!PasswordHasher::verify(tampered, QStringLiteral("tamper proof")));
    }

    void needsRehash_data()
    {
        QTest::addColumn<QString>("from"); // replaced in a fresh hash ...
        QTest::addColumn<QString>("to"); // ... by this
        QTest::addColumn<bool>("expected");
        QTest::newRow("current parameters") << QString() << QString() << false;
        QTest::newRow("fewer passes") << QStringLiteral("t=2") << QStringLiteral("t=1") << true;
        QTest::newRow("less memory") << QStringLiteral("m=19456") << QStringLiteral("m=8192") << true;
        QTest::newRow("other parameters") << QStringLiteral("m=19456") << QStringLiteral("m=65536") << true;
        QTest::newRow("argon2i") << QStringLiteral("$argon2id$") << QStringLiteral("$argon2i$") << true;
        QTest::newRow("not a hash") << QStringLiteral("$argon2id$") << QStringLiteral("$junk$") << true;
    }

    void needsRehash()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, expected);
        auto hash = PasswordHasher::hash(QStringLiteral("rehash me"));
        TANDEM_VERIFY_OK(hash);
        QString changed = hash.value();
        if (!from.isEmpty()) {
            QVERIFY(changed.contains(from));
            changed.replace(from, to);
        }
        QCOMPARE(PasswordHasher::needsRehash(changed), expected);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_password_hasher.moc"
