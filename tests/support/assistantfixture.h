#pragma once

#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QTimeZone>

#include <memory>

namespace tandem::test {

// A store, the services and an AssistantService on a fixed clock
// (Thursday 26 November 2026, 10:00 in Europe/Berlin), with one user and one
// conversation: say() sends a message and returns the reply.
class AssistantFixture final
{
public:
    static std::unique_ptr<AssistantFixture> create(QString *error, StoreEngine engine = StoreEngine::Sqlite);
    // A fixture on a database that already has the user `owner` with the
    // conversation `session` (a copy of another fixture's, say).
    static std::unique_ptr<AssistantFixture> open(std::unique_ptr<TestDatabase> database, const QUuid &owner,
                                                  const QUuid &session, QString *error);
    ~AssistantFixture();
    Q_DISABLE_COPY_MOVE(AssistantFixture)

    static QDateTime fixedNow();
    static QTimeZone zone();

    // The reply's text; empty (with `lastError`) when the service refused.
    QString say(const QString &message);
    Result<assistant::AssistantTurn> send(const QString &message);

    Task addTask(const QString &title, TaskPriority priority = TaskPriority::None, const Due &due = {},
                 const QStringList &tags = {}, TaskStatus status = TaskStatus::Pending);
    QList<Task> tasks(bool includeCompleted = true) const;
    std::optional<Task> taskTitled(const QString &title) const;
    // Simulates a restart: closes the store and opens the same database again,
    // with a new AssistantService and services. False (with `lastError`) when
    // the database does not open again.
    [[nodiscard]] bool restart();
    // Closes the store and the services for good (the database stays), so
    // the database can be copied.
    void close();

    QDateTime now;
    QUuid owner;
    QUuid session;
    Error lastError;
    assistant::AssistantTurn lastTurn;
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<Store> store;
    std::unique_ptr<TaskService> taskService;
    std::unique_ptr<ChatService> chatService;
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<assistant::AssistantService> assistant;

private:
    AssistantFixture() = default;
    void build();
};

} // namespace tandem::test
