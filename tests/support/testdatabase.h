#pragma once

#include "store/store.h"
#include "store/storeconfig.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace tandem::test {

// The engine this run of a test binary is for: TANDEM_TEST_ENGINE
// ("sqlite", the default, or "postgres").
StoreEngine engineUnderTest();
QString engineName(StoreEngine engine);

// The admin URL of the throwaway PostgreSQL server scripts/test starts, from
// TANDEM_TEST_PG_URL; empty when unset.
QString postgresAdminUrl();

// A fresh, empty database for one test: a file in a temporary directory, or a
// new database on the test PostgreSQL server that is dropped afterwards.
class TestDatabase final
{
public:
    // On failure returns nullptr and sets `error` (a missing PostgreSQL server
    // is a failure, never a skip).
    static std::unique_ptr<TestDatabase> create(StoreEngine engine, QString *error);
    // A new database with the same contents as `source`, which no Store may
    // have open: a copy of the file (SQLite), or a database created from it
    // as a template (PostgreSQL). Seeding once and copying is much faster than
    // seeding every case of a large table.
    static std::unique_ptr<TestDatabase> copyOf(const TestDatabase &source, QString *error);
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    const StoreConfig &config() const { return m_config; }
    // SQLite: the directory holding the file.
    QString directory() const { return m_dir ? m_dir->path() : QString(); }
    // A URL for --database (PostgreSQL only).
    QString url() const;

    // Opens a Store on this database (running migrations).
    Result<std::unique_ptr<Store>> open() const { return Store::open(m_config); }

private:
    TestDatabase() = default;
    StoreConfig m_config;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_adminUrl;
};

} // namespace tandem::test

// Creates a database for the engine under test or fails the current test.
#define TANDEM_TEST_DATABASE(variable)                                                                                 \
    QString variable##Error;                                                                                           \
    auto variable = ::tandem::test::TestDatabase::create(::tandem::test::engineUnderTest(), &variable##Error);         \
    if (!variable)                                                                                                     \
        QFAIL(qPrintable(variable##Error));

// Fails the current test with the error's message when `result` is not ok.
// (QVERIFY2 evaluates its message even on success, so it cannot call error().)
#define TANDEM_VERIFY_OK(result)                                                                                       \
    do {                                                                                                               \
        const auto &tandemResult_ = (result);                                                                          \
        if (!tandemResult_.ok())                                                                                       \
            QFAIL(qPrintable(QStringLiteral(#result " failed: ") + tandemResult_.error().toString()));                 \
    } while (false)
