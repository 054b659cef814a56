#include "message.h"

#include "lexicon.h"
#include "tenses.h"

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {

bool isOpeningQuote(QStringView text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c == u'"' || c.unicode() == 0x201C)
        return true;
    if (c == u'\'' || c.unicode() == 0x2018) // an apostrophe only when it starts a word
        return (i == 0 || !text.at(i - 1).isLetterOrNumber()) && i + 1 < text.size() && !text.at(i + 1).isSpace();
    return false;
}

qsizetype closingQuote(QStringView text, qsizetype open)
{
    const QChar c = text.at(open);
    for (qsizetype j = open + 1; j < text.size(); ++j) {
        const QChar d = text.at(j);
        const bool closes = (c == u'"' || c.unicode() == 0x201C)
            ? (d == u'"' || d.unicode() == 0x201D)
            : ((d == u'\'' || d.unicode() == 0x2019) && (j + 1 == text.size() || !text.at(j + 1).isLetterOrNumber()));
        if (closes)
            return j;
    }
    return -1;
}

struct Contraction
{
    const char16_t *word;
    const char16_t *first;
    const char16_t *second; // null: one word replaces it
};

// Folded forms; apostrophes are plain after folding. Words without their
// apostrophe too where that is no other word ("dont", "isnt", "ive").
constexpr Contraction contractions[] = {
    {u"isn't", u"is", u"not"},
    {u"isnt", u"is", u"not"},
    {u"aren't", u"are", u"not"},
    {u"arent", u"are", u"not"},
    {u"wasn't", u"was", u"not"},
    {u"wasnt", u"was", u"not"},
    {u"weren't", u"were", u"not"},
    {u"don't", u"do", u"not"},
    {u"dont", u"do", u"not"},
    {u"doesn't", u"does", u"not"},
    {u"doesnt", u"does", u"not"},
    {u"didn't", u"did", u"not"},
    {u"didnt", u"did", u"not"},
    {u"haven't", u"have", u"not"},
    {u"havent", u"have", u"not"},
    {u"hasn't", u"has", u"not"},
    {u"hasnt", u"has", u"not"},
    {u"hadn't", u"had", u"not"},
    {u"can't", u"can", u"not"},
    {u"cant", u"can", u"not"},
    {u"cannot", u"can", u"not"},
    {u"won't", u"will", u"not"},
    {u"wouldn't", u"would", u"not"},
    {u"shouldn't", u"should", u"not"},
    {u"couldn't", u"could", u"not"},
    {u"needn't", u"need", u"not"},
    {u"ain't", u"is", u"not"},
    {u"i'm", u"i", u"am"},
    {u"im", u"i", u"am"},
    {u"i've", u"i", u"have"},
    {u"ive", u"i", u"have"},
    {u"i'd", u"i", u"would"},
    {u"i'll", u"i", u"will"},
    {u"we're", u"we", u"are"},
    {u"we've", u"we", u"have"},
    {u"you're", u"you", u"are"},
    {u"they're", u"they", u"are"},
    {u"it's", u"it", u"is"},
    {u"that's", u"that", u"is"},
    {u"thats", u"that", u"is"},
    {u"what's", u"what", u"is"},
    {u"whats", u"what", u"is"},
    {u"where's", u"where", u"is"},
    {u"when's", u"when", u"is"},
    {u"whens", u"when", u"is"},
    {u"how's", u"how", u"is"},
    {u"who's", u"who", u"is"},
    {u"there's", u"there", u"is"},
    {u"here's", u"here", u"is"},
    {u"what're", u"what", u"are"},
    {u"let's", u"let", u"us"},
    {u"gonna", u"going", u"to"},
    {u"wanna", u"want", u"to"},
    {u"gotta", u"got", u"to"},
};

// "X's description": a possessive before a field word goes apart.
bool isFieldWord(QStringView word)
{
    return isOneOf(word,
                   {u"description", u"notes", u"note", u"details", u"title", u"name", u"due", u"deadline", u"priority",
                    u"prio", u"tags", u"tag", u"status"});
}

// The word `word` is a typo of, when exactly one spelling target is that close.
QString respelled(const QString &word)
{
    // Five letters at least: shorter real words are too often one letter from a command ("dine", "done").
    if (word.size() < 5 || lexicon::isSpellingTarget(word) || !word.at(0).isLetter())
        return {};
    // Another form of a known word ("deleted", "finishing", "begun") is no typo of it.
    if (lexicon::isSpellingTarget(wordStem(word)) || lexicon::isSpellingTarget(word.chopped(1))
        || (word.endsWith(u"ed") && lexicon::isSpellingTarget(word.chopped(2)))
        || (!word.endsWith(u"ed") && !plainFormsOfPast(word).isEmpty()))
        return {};
    // Two typos in long words, and in weekday names people misspell ("wensday").
    const int cap = word.size() >= 6 ? 2 : 1;
    QString found;
    int best = cap + 1;
    bool tie = false;
    for (const QString &target : lexicon::spellingTargets()) {
        if (std::abs(int(target.size() - word.size())) > cap || target.at(0) != word.at(0))
            continue;
        const int allowed
            = target.size() >= 8 || word.size() >= 8 || (lexicon::isDateWord(target) && word.size() >= 7) ? cap : 1;
        const int distance = editDistance(word, target, allowed);
        if (distance > allowed)
            continue;
        if (distance < best) {
            best = distance;
            found = target;
            tie = false;
        } else if (distance == best) {
            tie = true;
        }
    }
    return tie ? QString() : found; // two as close: better not to guess
}

// Longer phrases first, so "would you mind" goes whole rather than as "would you".
QList<QStringList> longestFirst(QList<QStringList> phrases)
{
    std::stable_sort(phrases.begin(), phrases.end(),
                     [](const QStringList &a, const QStringList &b) { return a.size() > b.size(); });
    return phrases;
}

} // namespace

const QString &Message::quoteMarker()
{
    static const QString marker = QStringLiteral("\u0001");
    return marker;
}

QString Message::literal(qsizetype first, qsizetype last) const
{
    if (first == last && isQuote(first))
        return quotes.value(first);
    return span(first, last);
}

bool Message::markAfter(qsizetype i, QChar mark) const
{
    const qsizetype from = words.at(i).start + words.at(i).length;
    const qsizetype to = i + 1 < words.size() ? words.at(i + 1).start : text.size();
    return from < to && QStringView(text).sliced(from, to - from).contains(mark);
}

QString Message::corrected(qsizetype first, qsizetype last) const
{
    if (first > last || first < 0 || last >= words.size())
        return {};
    QString out = span(first, last);
    const qsizetype base = words.at(first).start;
    for (qsizetype i = last; i >= first; --i) {
        const Word &word = words.at(i);
        if (word.respelled && lexicon::isDateWord(word.folded))
            out.replace(word.start - base, word.length, word.folded);
    }
    return out;
}

QStringList Message::folded(qsizetype first, qsizetype last) const
{
    QStringList out;
    for (qsizetype i = std::max<qsizetype>(first, 0); i <= last && i < words.size(); ++i)
        out.append(words.at(i).folded);
    return out;
}

void Message::removeWords(qsizetype at, qsizetype count)
{
    if (count <= 0)
        return;
    words.remove(at, count);
    QHash<qsizetype, QString> shifted;
    for (auto it = quotes.cbegin(); it != quotes.cend(); ++it) {
        if (it.key() < at)
            shifted.insert(it.key(), it.value());
        else if (it.key() >= at + count)
            shifted.insert(it.key() - count, it.value());
    }
    quotes = shifted;
}

Message Message::slice(qsizetype first, qsizetype last) const
{
    Message sub = *this;
    sub.words = words.mid(first, last - first + 1);
    sub.quotes.clear();
    for (auto it = quotes.cbegin(); it != quotes.cend(); ++it) {
        if (it.key() >= first && it.key() <= last)
            sub.quotes.insert(it.key() - first, it.value());
    }
    return sub;
}

Message readMessage(const QString &raw, const std::function<bool(const QString &)> &isTitleWord)
{
    Message m;
    m.text = raw.trimmed();
    // Final punctuation goes, unless it stands alone as a marker ("buy milk !!").
    qsizetype textEnd = m.text.size();
    while (textEnd > 0
           && (m.text.at(textEnd - 1) == u'.' || m.text.at(textEnd - 1) == u'!' || m.text.at(textEnd - 1) == u'?'))
        --textEnd;
    if (textEnd == 0 || !m.text.at(textEnd - 1).isSpace() || m.text.mid(textEnd).contains(u'?')) {
        m.question = m.text.mid(textEnd).contains(u'?');
        m.text.truncate(textEnd);
    }
    m.text = m.text.trimmed();
    const QStringView text(m.text);
    QList<Word> words;
    qsizetype plain = 0;
    const auto addPlain = [&](qsizetype end) {
        for (Word word : splitWords(text.sliced(plain, end - plain))) {
            word.start += plain;
            words.append(word);
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isOpeningQuote(text, i))
            continue;
        const qsizetype close = closingQuote(text, i);
        if (close < 0 || close == i + 1)
            continue;
        addPlain(i);
        m.quotes.insert(words.size(), text.sliced(i + 1, close - i - 1).trimmed().toString());
        words.append(Word{Message::quoteMarker(), i, close - i + 1});
        plain = close + 1;
        i = close;
    }
    addPlain(text.size());

    // Contractions apart, possessives before field words apart, typos in command words respelled.
    QHash<qsizetype, QString> quotes;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const Word word = words.at(i);
        if (m.quotes.contains(i)) {
            quotes.insert(m.words.size(), m.quotes.value(i));
            m.words.append(word);
            continue;
        }
        bool split = false;
        for (const Contraction &c : contractions) {
            if (word.folded != QStringView(c.word))
                continue;
            m.words.append(Word{QString::fromUtf16(c.first), word.start, word.length});
            m.words.append(Word{QString::fromUtf16(c.second), word.start, word.length});
            split = true;
            break;
        }
        if (split)
            continue;
        if (word.folded.endsWith(u"'s") && word.folded.size() > 2 && i + 1 < words.size()
            && isFieldWord(words.at(i + 1).folded)) {
            m.words.append(Word{word.folded.chopped(2), word.start, word.length - 2});
            m.words.append(Word{QStringLiteral("'s"), word.start + word.length - 2, 2});
            continue;
        }
        Word kept = word;
        if (!isTitleWord || !isTitleWord(word.folded)) {
            if (const QString fixed = respelled(word.folded); !fixed.isEmpty()) {
                kept.folded = fixed;
                kept.respelled = true;
            }
        }
        m.words.append(kept);
    }
    m.quotes = quotes;
    return m;
}

void stripCourtesy(Message &m)
{
    static const QList<QStringList> leading = longestFirst({
        {QStringLiteral("hey"), QStringLiteral("tandem")},
        {QStringLiteral("ok"), QStringLiteral("tandem")},
        {QStringLiteral("hi"), QStringLiteral("tandem")},
        {QStringLiteral("tandem")},
        {QStringLiteral("hey")},
        {QStringLiteral("hi")},
        {QStringLiteral("hello")},
        {QStringLiteral("please")},
        {QStringLiteral("pls")},
        {QStringLiteral("plz")},
        {QStringLiteral("kindly")},
        {QStringLiteral("can"), QStringLiteral("you")},
        {QStringLiteral("could"), QStringLiteral("you")},
        {QStringLiteral("would"), QStringLiteral("you")},
        {QStringLiteral("will"), QStringLiteral("you")},
        {QStringLiteral("can"), QStringLiteral("u")},
        {QStringLiteral("could"), QStringLiteral("u")},
        {QStringLiteral("would"), QStringLiteral("you"), QStringLiteral("mind")},
        {QStringLiteral("do"), QStringLiteral("you"), QStringLiteral("mind")},
        {QStringLiteral("i"), QStringLiteral("want"), QStringLiteral("you"), QStringLiteral("to")},
        {QStringLiteral("i"), QStringLiteral("would"), QStringLiteral("like"), QStringLiteral("you"),
         QStringLiteral("to")},
        {QStringLiteral("i"), QStringLiteral("need"), QStringLiteral("you"), QStringLiteral("to")},
        {QStringLiteral("go"), QStringLiteral("ahead"), QStringLiteral("and")},
        {QStringLiteral("you"), QStringLiteral("can")},
        {QStringLiteral("you"), QStringLiteral("could")},
        {QStringLiteral("feel"), QStringLiteral("free"), QStringLiteral("to")},
        {QStringLiteral("i"), QStringLiteral("want")},
        {QStringLiteral("i"), QStringLiteral("would"), QStringLiteral("like")},
        {QStringLiteral("just")},
        {QStringLiteral("now")},
        {QStringLiteral("ok")},
        {QStringLiteral("okay")},
        {QStringLiteral("so")},
        {QStringLiteral("actually")},
        {QStringLiteral("oh")},
        {QStringLiteral("also")},
        {QStringLiteral("and")},
        {QStringLiteral("then")},
        {QStringLiteral("quickly")},
        {QStringLiteral("oops")},
        {QStringLiteral("whoops")},
        {QStringLiteral("um")},
        {QStringLiteral("uh")},
        {QStringLiteral("hmm")},
        {QStringLiteral("let"), QStringLiteral("us")},
        {QStringLiteral("lets")},
        {QStringLiteral("i"), QStringLiteral("want"), QStringLiteral("to")},
        {QStringLiteral("i"), QStringLiteral("would"), QStringLiteral("like"), QStringLiteral("to")},
    });
    static const QList<QStringList> trailing = longestFirst({
        {QStringLiteral("please")},
        {QStringLiteral("pls")},
        {QStringLiteral("plz")},
        {QStringLiteral("thanks")},
        {QStringLiteral("thank"), QStringLiteral("you")},
        {QStringLiteral("thx")},
        {QStringLiteral("ty")},
        {QStringLiteral("cheers")},
        {QStringLiteral("for"), QStringLiteral("me")},
        {QStringLiteral("now")},
        {QStringLiteral("asap"), QStringLiteral("please")},
        {QStringLiteral("anymore")},
        {QStringLiteral("any"), QStringLiteral("more")},
        {QStringLiteral("if"), QStringLiteral("you"), QStringLiteral("can")},
        {QStringLiteral("if"), QStringLiteral("you"), QStringLiteral("could")},
        {QStringLiteral("thanks"), QStringLiteral("so"), QStringLiteral("much")},
        {QStringLiteral("thank"), QStringLiteral("you"), QStringLiteral("so"), QStringLiteral("much")},
        {QStringLiteral("thanks"), QStringLiteral("a"), QStringLiteral("lot")},
        {QStringLiteral("real"), QStringLiteral("quick")},
        {QStringLiteral("when"), QStringLiteral("you"), QStringLiteral("get"), QStringLiteral("a"),
         QStringLiteral("chance")},
        {QStringLiteral("for"), QStringLiteral("me"), QStringLiteral("please")},
    });
    const auto startsWith = [&](const QStringList &phrase, qsizetype from) {
        if (from + phrase.size() > m.words.size())
            return false;
        for (qsizetype i = 0; i < phrase.size(); ++i) {
            if (m.words.at(from + i).folded != phrase.at(i))
                return false;
        }
        return true;
    };
    bool gerund = false; // "would you mind adding": the verb's -ing form follows
    for (bool changed = true; changed && m.words.size() > 1;) {
        changed = false;
        for (const QStringList &phrase : leading) {
            // "I want to" is courtesy before a command ("I want to add X"), the request itself
            // before anything else ("I want to learn Spanish").
            const bool wish = phrase.constFirst() == u"i" && !phrase.contains(u"you"_s);
            if (wish && phrase.size() < m.words.size()) {
                const QString next = m.words.at(phrase.size()).folded;
                if (!lexicon::isSpellingTarget(next) && !lexicon::isShortVerb(next))
                    continue;
            }
            if (phrase.size() < m.words.size() && startsWith(phrase, 0)) {
                m.removeWords(0, phrase.size());
                gerund = gerund || phrase.constLast() == u"mind";
                changed = true;
                break;
            }
        }
    }
    if (gerund && m.words.constFirst().folded.endsWith(u"ing")) {
        // adding -> add, moving -> move, putting -> put
        const QString base = m.words.constFirst().folded.chopped(3);
        for (const QString &lemma : {base, QString(base + u'e'), base.chopped(1)}) {
            if (lemma.size() >= 2 && (lexicon::isSpellingTarget(lemma) || lexicon::isShortVerb(lemma))) {
                m.words.first().folded = lemma;
                break;
            }
        }
    }
    for (bool changed = true; changed && m.words.size() > 1;) {
        changed = false;
        for (const QStringList &phrase : trailing) {
            if (phrase.size() < m.words.size() && startsWith(phrase, m.words.size() - phrase.size())) {
                m.removeWords(m.words.size() - phrase.size(), phrase.size());
                changed = true;
                break;
            }
        }
    }
}

bool isOneOf(QStringView word, std::initializer_list<const char16_t *> options)
{
    for (const char16_t *option : options) {
        if (word == QStringView(option))
            return true;
    }
    return false;
}

bool wholeMessageIs(const Message &m, std::initializer_list<std::initializer_list<const char16_t *>> phrases)
{
    for (const auto &phrase : phrases) {
        if (qsizetype(phrase.size()) != m.words.size())
            continue;
        qsizetype i = 0;
        bool same = true;
        for (const char16_t *word : phrase)
            same = same && m.words.at(i++).folded == QStringView(word);
        if (same)
            return true;
    }
    return false;
}

} // namespace tandem::assistant
