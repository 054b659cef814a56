#include "text.h"

#include "domain/textfold.h"

#include <QChar>

#include <algorithm>
#include <array>
#include <vector>

namespace tandem::assistant {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing
        || c.category() == QChar::Mark_SpacingCombining || c.isSurrogate();
}

bool isJoiner(QChar c)
{
    return c == u'\'' || c == u'-' || c == u':' || c == u'/' || c == u'.' || c.unicode() == 0x2019;
}

} // namespace

QList<Word> splitWords(QStringView text)
{
    QList<Word> words;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        // '#' starts a word only when a tag follows ("#work").
        const bool tagStart = text.at(i) == u'#' && i + 1 < n && isWordChar(text.at(i + 1));
        if (!tagStart && !isWordChar(text.at(i))) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        ++i;
        while (i < n) {
            if (isWordChar(text.at(i))) {
                ++i;
            } else if (isJoiner(text.at(i)) && i + 1 < n && isWordChar(text.at(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        words.append(Word{foldForSearch(text.sliced(start, i - start)), start, i - start});
    }
    return words;
}

QStringView originalSpan(QStringView text, const QList<Word> &words, qsizetype first, qsizetype last)
{
    if (first > last || first < 0 || last >= words.size())
        return {};
    const qsizetype start = words.at(first).start;
    const qsizetype end = words.at(last).start + words.at(last).length;
    return text.sliced(start, end - start);
}

int editDistance(QStringView a, QStringView b, int cap)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(int(n - m)) > cap)
        return cap + 1;
    // Three rolling rows for the transposition case; words are short, so they
    // live on the stack (this runs for every word of the vocabulary on a typo).
    constexpr qsizetype onStack = 48;
    std::array<int, 3 * (onStack + 1)> small;
    std::vector<int> large;
    int *rows = small.data();
    if (m > onStack) {
        large.resize(3 * (size_t(m) + 1));
        rows = large.data();
    }
    int *twoBack = rows;
    int *previous = rows + (m + 1);
    int *current = rows + 2 * (m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = int(i);
        int rowBest = current[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            int value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                value = std::min(value, twoBack[j - 2] + 1);
            current[j] = value;
            rowBest = std::min(rowBest, value);
        }
        if (rowBest > cap)
            return cap + 1;
        int *oldest = twoBack;
        twoBack = previous;
        previous = current;
        current = oldest;
    }
    return std::min(previous[m], cap + 1);
}

int ordinalOrNumber(QStringView folded)
{
    static constexpr std::array<const char16_t *, 20> cardinals
        = {u"one",     u"two",     u"three",     u"four",     u"five",     u"six",      u"seven",
           u"eight",   u"nine",    u"ten",       u"eleven",   u"twelve",   u"thirteen", u"fourteen",
           u"fifteen", u"sixteen", u"seventeen", u"eighteen", u"nineteen", u"twenty"};
    static constexpr std::array<const char16_t *, 20> ordinals
        = {u"first",     u"second",    u"third",       u"fourth",     u"fifth",      u"sixth",      u"seventh",
           u"eighth",    u"ninth",     u"tenth",       u"eleventh",   u"twelfth",    u"thirteenth", u"fourteenth",
           u"fifteenth", u"sixteenth", u"seventeenth", u"eighteenth", u"nineteenth", u"twentieth"};
    for (int i = 0; i < 20; ++i) {
        if (folded == QStringView(cardinals[size_t(i)]) || folded == QStringView(ordinals[size_t(i)]))
            return i + 1;
    }
    QStringView digits = folded;
    if (digits.startsWith(u'#'))
        digits = digits.mid(1);
    for (const auto *suffix : {u"st", u"nd", u"rd", u"th"}) {
        if (digits.size() > 2 && digits.endsWith(QStringView(suffix)))
            digits.chop(2);
    }
    bool ok = false;
    const int number = digits.toInt(&ok);
    return ok && number > 0 && number <= 999 ? number : 0;
}

QString wordStem(const QString &folded)
{
    // Light English inflections only: enough for "reports" to find "report",
    // "calling" "call" and "watered" "water", never a dictionary's work.
    const auto cut = [&](qsizetype n) {
        return folded.left(folded.size() - n);
    };
    if (folded.size() >= 6 && folded.endsWith(u"ing"))
        return cut(3);
    if (folded.size() >= 5 && folded.endsWith(u"ies"))
        return cut(3) + u'y';
    if (folded.size() >= 5 && folded.endsWith(u"ed"))
        return cut(2);
    if (folded.size() >= 4 && folded.endsWith(u"'s"))
        return cut(2);
    if (folded.size() >= 5 && (folded.endsWith(u"ches") || folded.endsWith(u"shes") || folded.endsWith(u"xes")))
        return cut(2);
    if (folded.size() >= 4 && folded.endsWith(u's') && !folded.endsWith(u"ss"))
        return cut(1);
    return folded;
}

} // namespace tandem::assistant
