#include "tenses.h"

#include <QHash>

namespace tandem::assistant {

namespace {

// Irregular past tenses and participles of verbs tasks start with.
const QHash<QString, QString> &irregular()
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("bought"), QStringLiteral("buy")},
        {QStringLiteral("paid"), QStringLiteral("pay")},
        {QStringLiteral("sent"), QStringLiteral("send")},
        {QStringLiteral("wrote"), QStringLiteral("write")},
        {QStringLiteral("written"), QStringLiteral("write")},
        {QStringLiteral("took"), QStringLiteral("take")},
        {QStringLiteral("taken"), QStringLiteral("take")},
        {QStringLiteral("got"), QStringLiteral("get")},
        {QStringLiteral("gotten"), QStringLiteral("get")},
        {QStringLiteral("made"), QStringLiteral("make")},
        {QStringLiteral("did"), QStringLiteral("do")},
        {QStringLiteral("done"), QStringLiteral("do")},
        {QStringLiteral("went"), QStringLiteral("go")},
        {QStringLiteral("gone"), QStringLiteral("go")},
        {QStringLiteral("met"), QStringLiteral("meet")},
        {QStringLiteral("rang"), QStringLiteral("ring")},
        {QStringLiteral("rung"), QStringLiteral("ring")},
        {QStringLiteral("sold"), QStringLiteral("sell")},
        {QStringLiteral("told"), QStringLiteral("tell")},
        {QStringLiteral("found"), QStringLiteral("find")},
        {QStringLiteral("gave"), QStringLiteral("give")},
        {QStringLiteral("given"), QStringLiteral("give")},
        {QStringLiteral("brought"), QStringLiteral("bring")},
        {QStringLiteral("fed"), QStringLiteral("feed")},
        {QStringLiteral("began"), QStringLiteral("begin")},
        {QStringLiteral("begun"), QStringLiteral("begin")},
        {QStringLiteral("drove"), QStringLiteral("drive")},
        {QStringLiteral("driven"), QStringLiteral("drive")},
        {QStringLiteral("drew"), QStringLiteral("draw")},
        {QStringLiteral("drawn"), QStringLiteral("draw")},
        {QStringLiteral("spoke"), QStringLiteral("speak")},
        {QStringLiteral("spoken"), QStringLiteral("speak")},
        {QStringLiteral("left"), QStringLiteral("leave")},
        {QStringLiteral("kept"), QStringLiteral("keep")},
        {QStringLiteral("swept"), QStringLiteral("sweep")},
        {QStringLiteral("built"), QStringLiteral("build")},
        {QStringLiteral("caught"), QStringLiteral("catch")},
        {QStringLiteral("taught"), QStringLiteral("teach")},
        {QStringLiteral("spent"), QStringLiteral("spend")},
        {QStringLiteral("lent"), QStringLiteral("lend")},
        {QStringLiteral("won"), QStringLiteral("win")},
        {QStringLiteral("ran"), QStringLiteral("run")},
        {QStringLiteral("wore"), QStringLiteral("wear")},
        {QStringLiteral("hung"), QStringLiteral("hang")},
        {QStringLiteral("shut"), QStringLiteral("shut")},
        {QStringLiteral("put"), QStringLiteral("put")},
        {QStringLiteral("set"), QStringLiteral("set")},
        {QStringLiteral("cut"), QStringLiteral("cut")},
        {QStringLiteral("read"), QStringLiteral("read")},
        {QStringLiteral("sorted"), QStringLiteral("sort")},
        {QStringLiteral("chose"), QStringLiteral("choose")},
        {QStringLiteral("chosen"), QStringLiteral("choose")},
        {QStringLiteral("forgot"), QStringLiteral("forget")},
        {QStringLiteral("understood"), QStringLiteral("understand")},
        {QStringLiteral("mowed"), QStringLiteral("mow")},
        {QStringLiteral("mown"), QStringLiteral("mow")},
        {QStringLiteral("sewn"), QStringLiteral("sew")},
        {QStringLiteral("rewrote"), QStringLiteral("rewrite")},
    };
    return table;
}

} // namespace

QStringList plainFormsOfPast(const QString &folded)
{
    if (const auto it = irregular().constFind(folded); it != irregular().cend())
        return {*it};
    if (folded.size() < 5 || !folded.endsWith(u"ed"))
        return {};
    QStringList forms;
    const QString stem = folded.chopped(2); // cleaned -> clean, booked -> book
    if (stem.endsWith(u'i'))
        forms.append(stem.chopped(1) + u'y'); // emptied -> empty, tidied -> tidy
    forms.append(stem);
    forms.append(stem + u'e'); // reserved -> reserve, prepared -> prepare
    if (stem.size() >= 3 && stem.at(stem.size() - 1) == stem.at(stem.size() - 2))
        forms.append(stem.chopped(1)); // submitted -> submit, planned -> plan
    return forms;
}

} // namespace tandem::assistant
