#pragma once

// Shared pieces of the paraphrase grid (assistantgrid.h), split by intent.

#include "assistantcases.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tandem::test::grid {

// A task of the grid's seed and the ways people name it.
struct Known
{
    QString title;
    QStringList names; // ways to name it, all clear (a delete goes ahead)
    QStringList typos; // names with a typo (a delete asks first)
};

extern const Known report; // high, due 2026-11-27, #work
extern const Known dentist; // no priority, no due, #health
extern const Known parcel; // due today (2026-11-26), #errands
extern const Known garage; // low, no due, #home
extern const Known sink; // no priority, no due, #home
extern const Known card; // due 2026-12-04
extern const Known glasses; // completed

// Courtesy around a request, taken in turn so every template meets several.
QString wrap(const QString &request, int i);
// `text` with {T} replaced by `task` and {X} by `extra`.
QString fill(QString text, const QString &task, const QString &extra = {});
AssistantCase make(const QString &intent, const QString &form, const QStringList &messages, const QStringList &effects,
                   const QStringList &mentions = {}, const QStringList &absent = {},
                   std::optional<QString> pending = std::nullopt);
// Every template with every way to name every target: the target changes by `field` ("|status=completed").
void edits(QList<AssistantCase> &out, const QString &intent, const QStringList &templates,
           const QList<const Known *> &targets, const QString &field, bool typosToo = true);

QList<AssistantCase> dates(); // due dates set, moved, cleared
QList<AssistantCase> fields(); // priority, tags, titles, descriptions
QList<AssistantCase> additions(); // new tasks, fields anywhere, several at once
QList<AssistantCase> questions(); // lists, counts, references to a list
QList<AssistantCase> undoing(); // undo and redo in people's words
QList<AssistantCase> lists(); // several new tasks, or every task of the last list
QList<AssistantCase> statements(); // done / not done / started, with the task's own verb
QList<AssistantCase> moreEdits(); // more ways to say delete, clear, priority, notes, tags
QList<AssistantCase> roundThree(); // several tasks, statements, wishes: more ways again
QList<AssistantCase> unsafe(); // must change nothing
QList<AssistantCase> several(); // several tasks: ask first

} // namespace tandem::test::grid
