#include "assistantfixture.h"

namespace tandem::test {

QDateTime AssistantFixture::fixedNow()
{
    return QDateTime(QDate(2026, 11, 26), QTime(10, 0), zone());
}

QTimeZone AssistantFixture::zone()
{
    return QTimeZone("Europe/Berlin");
}

std::unique_ptr<AssistantFixture> AssistantFixture::create(QString *error, StoreEngine engine)
{
    std::unique_ptr<AssistantFixture> fixture(new AssistantFixture);
    fixture->database = TestDatabase::create(engine, error);
    if (!fixture->database)
        return nullptr;
    auto store = fixture->database->open();
    if (!store) {
        *error = store.error().toString();
        return nullptr;
    }
    fixture->store = std::move(store).value();
    fixture->now = fixedNow();
    fixture->build();
    auto user = fixture->accounts->createUser(QStringLiteral("alice"));
    if (!user) {
        *error = user.error().toString();
        return nullptr;
    }
    fixture->owner = user->id;
    auto session = fixture->chatService->createSession(fixture->owner);
    if (!session) {
        *error = session.error().toString();
        return nullptr;
    }
    fixture->session = session->entityId();
    return fixture;
}

std::unique_ptr<AssistantFixture> AssistantFixture::open(std::unique_ptr<TestDatabase> database, const QUuid &owner,
                                                         const QUuid &session, QString *error)
{
    std::unique_ptr<AssistantFixture> fixture(new AssistantFixture);
    fixture->database = std::move(database);
    auto store = fixture->database->open();
    if (!store) {
        *error = store.error().toString();
        return nullptr;
    }
    fixture->store = std::move(store).value();
    fixture->now = fixedNow();
    fixture->owner = owner;
    fixture->session = session;
    fixture->build();
    return fixture;
}

AssistantFixture::~AssistantFixture() = default;

void AssistantFixture::close()
{
    assistant.reset();
    accounts.reset();
    chatService.reset();
    taskService.reset();
    store.reset();
}

void AssistantFixture::build()
{
    const Clock clock = [this] {
        return now;
    };
    assistant.reset();
    taskService = std::make_unique<TaskService>(*store, clock);
    chatService = std::make_unique<ChatService>(*store, clock);
    accounts = std::make_unique<AccountService>(*store, clock);
    assistant = std::make_unique<assistant::AssistantService>(*store, *taskService, *chatService, clock);
}

bool AssistantFixture::restart()
{
    // Everything goes, the database connection too, as when the app quits.
    close();
    auto reopened = database->open();
    if (!reopened) {
        lastError = reopened.error();
        return false;
    }
    store = std::move(reopened).value();
    build();
    return true;
}

Result<assistant::AssistantTurn> AssistantFixture::send(const QString &message)
{
    return assistant->sendNow(owner, session, message, zone());
}

QString AssistantFixture::say(const QString &message)
{
    auto turn = send(message);
    if (!turn) {
        lastError = turn.error();
        return {};
    }
    lastTurn = turn.value();
    return turn->assistantMessage.content;
}

Task AssistantFixture::addTask(const QString &title, TaskPriority priority, const Due &due, const QStringList &tags,
                               TaskStatus status)
{
    TaskDraft draft;
    draft.title = title;
    draft.priority = priority;
    draft.due = due;
    draft.tags = tags;
    draft.status = status;
    auto created = taskService->create(owner, draft);
    return created ? *created->task() : Task{};
}

QList<Task> AssistantFixture::tasks(bool includeCompleted) const
{
    TaskQuery query;
    query.sort = TaskSort::Created;
    query.reversed = true;
    if (!includeCompleted)
        query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    auto list = taskService->query(owner, query);
    return list ? list->tasks : QList<Task>{};
}

std::optional<Task> AssistantFixture::taskTitled(const QString &title) const
{
    const auto all = tasks();
    for (const Task &task : all) {
        if (task.title == title)
            return task;
    }
    return std::nullopt;
}

} // namespace tandem::test
