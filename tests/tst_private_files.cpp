// The user's data is private to its owner: the data folder is 0700 and the
// database, its -wal and -shm, the client's outbox and the signing key file
// are 0600, when Tandem creates them and, for a folder an older version left
// readable by others, at the next start. POSIX modes only.
#include "auth/signingkey.h"
#include "store/outboxstore.h"
#include "store/privatefiles.h"
#include "store/store.h"
#include "store/storeconfig.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace tandem;

namespace {

// The mode bits of `path` as an octal number: 0700, 0644, ...
int modeOf(const QString &path)
{
    const QFile::Permissions p = QFileInfo(path).permissions();
    int mode = 0;
    mode |= (p & QFile::ReadOwner) ? 0400 : 0;
    mode |= (p & QFile::WriteOwner) ? 0200 : 0;
    mode |= (p & QFile::ExeOwner) ? 0100 : 0;
    mode |= (p & QFile::ReadGroup) ? 040 : 0;
    mode |= (p & QFile::WriteGroup) ? 020 : 0;
    mode |= (p & QFile::ExeGroup) ? 010 : 0;
    mode |= (p & QFile::ReadOther) ? 04 : 0;
    mode |= (p & QFile::WriteOther) ? 02 : 0;
    mode |= (p & QFile::ExeOther) ? 01 : 0;
    return mode;
}

User someone()
{
    User user;
    user.id = QUuid::fromString(QStringLiteral("{5b0c7a52-3f1e-4d9a-8c6b-2a1e9f0d4c3b}"));
    user.username = QStringLiteral("someone");
    user.createdAt = QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
    return user;
}

QString octal(int mode)
{
    return QString::number(mode, 8).rightJustified(4, u'0');
}

} // namespace

class TestPrivateFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
    }

    void store_newDataFolder_ownerOnly()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString data = root.filePath(QStringLiteral("deep/data"));
        const QString db = QDir(data).filePath(QStringLiteral("tandem.db"));
        {
            auto store = Store::open(StoreConfig::sqliteFile(db));
            TANDEM_VERIFY_OK(store);
            TANDEM_VERIFY_OK(store.value()->insertUser(someone()));
            QCOMPARE(octal(modeOf(data)), octal(0700));
            QCOMPARE(octal(modeOf(db)), octal(0600));
            QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
            QCOMPARE(octal(modeOf(db + QStringLiteral("-wal"))), octal(0600));
            QCOMPARE(octal(modeOf(db + QStringLiteral("-shm"))), octal(0600));
        }
    }

    void store_existingOpenFolder_fixedAtStart()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString data = root.filePath(QStringLiteral("data"));
        const QString db = QDir(data).filePath(QStringLiteral("tandem.db"));
        {
            auto store = Store::open(StoreConfig::sqliteFile(db));
            TANDEM_VERIFY_OK(store);
            TANDEM_VERIFY_OK(store.value()->insertUser(someone()));
        }
        // As an older version left them: world-readable.
        const auto open = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        QVERIFY(QFile::setPermissions(data, open | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));
        QVERIFY(QFile::setPermissions(db, open));
        QCOMPARE(octal(modeOf(db)), octal(0644));
        auto store = Store::open(StoreConfig::sqliteFile(db));
        TANDEM_VERIFY_OK(store);
        QCOMPARE(octal(modeOf(data)), octal(0700));
        QCOMPARE(octal(modeOf(db)), octal(0600));
        QCOMPARE(octal(modeOf(db + QStringLiteral("-wal"))), octal(0600));
        // Nothing stored was lost.
        auto user = store.value()->userById(someone().id);
        TANDEM_VERIFY_OK(user);
        QVERIFY(user->has_value());
    }

    void outbox_andSigningKey_ownerOnly()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString data = root.filePath(QStringLiteral("client"));
        const QString path = QDir(data).filePath(QStringLiteral("outbox.db"));
        auto outbox = OutboxStore::open(path);
        TANDEM_VERIFY_OK(outbox);
        QCOMPARE(octal(modeOf(data)), octal(0700));
        QCOMPARE(octal(modeOf(path)), octal(0600));

        const QString keyFolder = root.filePath(QStringLiteral("keys"));
        SigningKeyLoader loader(keyFolder);
        loader.setUseKeychain(false);
        QSignalSpy loaded(&loader, &SigningKeyLoader::loaded);
        loader.load();
        QVERIFY(loaded.wait(5'000));
        QCOMPARE(octal(modeOf(keyFolder)), octal(0700));
        QCOMPARE(octal(modeOf(loader.keyFilePath())), octal(0600));
    }
};

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_private_files.moc"
