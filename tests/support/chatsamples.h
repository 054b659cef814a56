#pragma once

// Realistic tasks and older conversations for the chat's screenshots
// (header-only).
#include "assistant/assistantservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"

#include <QDate>
#include <QTimeZone>

#include <utility>

namespace tandem::test {

// A report due at 16:00 today, a passport in nine days, plants in two, and
// `extra` untimed tasks (title, tag). False when one cannot be stored.
inline bool seedSampleTasks(TaskService &tasks, const QUuid &ownerId,
                            const QList<std::pair<QString, QString>> &extra = {})
{
    const QDate today = QDate::currentDate();
    struct Sample
    {
        QString title;
        TaskPriority priority;
        Due due;
        QString tag;
    };
    QList<Sample> samples{
        {QStringLiteral("Send the quarterly report to Dana"), TaskPriority::High,
         Due::at(QDateTime(today, QTime(16, 0)).toTimeZone(QTimeZone::systemTimeZone())), QStringLiteral("work")},
        {QStringLiteral("Renew passport"), TaskPriority::Medium, Due::onDate(today.addDays(9)),
         QStringLiteral("admin")},
        {QStringLiteral("Water the plants"), TaskPriority::Low, Due::onDate(today.addDays(2)), QStringLiteral("home")},
    };
    for (const auto &[title, tag] : extra)
        samples.append({title, TaskPriority::None, Due{}, tag});
    for (const Sample &sample : std::as_const(samples)) {
        TaskDraft draft;
        draft.title = sample.title;
        draft.priority = sample.priority;
        draft.due = sample.due;
        draft.tags = {sample.tag};
        if (!tasks.create(ownerId, draft))
            return false;
    }
    return true;
}

// Two older conversations, each one exchange with the assistant.
inline bool seedOlderChats(ChatService &chats, assistant::AssistantService &service, const QUuid &ownerId)
{
    for (const auto &[title, words] : {std::pair{"Trip to Lisbon", "add book flights to Lisbon next friday #travel"},
                                       std::pair{"Groceries", "add buy oat milk tomorrow #home"}}) {
        const auto created = chats.createSession(ownerId, QString::fromUtf8(title));
        if (!created)
            return false;
        if (!service.sendNow(ownerId, created->entityId(), QString::fromUtf8(words), QTimeZone::systemTimeZone()))
            return false;
    }
    return true;
}

} // namespace tandem::test
