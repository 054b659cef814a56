#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace tandem::assistant::lexicon {

// The engine's verbs and their synonyms, as Pattern alternatives
// ("complete|finish|tick_off"): every shape of a request is written with
// these, so a synonym added here is understood in every shape at once.
// Imperative forms; the *Past lists are what people say after "I"/"I have".
QString addVerbs(); // add, put, jot down, note down, create, new, log, ...
QString completeVerbs(); // complete, finish, close, tick off, check off, cross off, knock out, wrap up
QString completedWords(); // done, complete, completed, finished, sorted, taken_care_of, ...
QString completePast(); // finished, completed, did, done, ticked off, wrapped up, ...
QString reopenVerbs(); // reopen, uncomplete, untick, uncheck, unmark, restart
QString openWords(); // not done, undone, incomplete, open, pending, unfinished, ...
QString startVerbs(); // start, begin, kick off, get going on
QString deleteVerbs(); // delete, remove, trash, erase, drop, scrap, discard, get rid of, cancel, ditch, ...
QString moveVerbs(); // push, move, reschedule, postpone, defer, delay, shift, bump, change, set, put
QString laterVerbs(); // push, move, postpone, defer, delay, shift, bump, put off (relative moves)
QString renameVerbs(); // rename, retitle
QString raiseVerbs(); // raise, increase, bump up, up
QString lowerVerbs(); // lower, decrease, reduce, drop
QString showVerbs(); // show, list, display, see, view, give, pull up, find, search

// Verbs everyday tasks start with ("buy", "call", "clean"): a message made of
// one of them and a task's word is plausibly a new task, not a change.
bool isEverydayVerb(const QString &word);
// Date and time words a typo is corrected to inside titles too ("tommorow").
bool isDateWord(const QString &word);

// Nouns that name "a task" without being part of its title.
QString taskNouns(); // task, todo, to-do, item, reminder, entry, thing, note

// Words a typo is corrected to ("compelte" -> "complete"): the verbs above,
// date and time words, priority and status words.
const QSet<QString> &spellingTargetSet();
const QStringList &spellingTargets();
bool isSpellingTarget(const QString &word);
// A verb of the lists above too short to be a spelling target ("add", "put", "set").
bool isShortVerb(const QString &word);

// The alternatives of a Pattern element, one per entry ("tick_off" -> "tick off").
QStringList alternatives(const QString &element);

} // namespace tandem::assistant::lexicon
