// The built-in engine's past tenses (core/assistant/builtin/tenses.h): the
// plain forms a statement's verb may come from ("I cleaned the garage").
#include "assistant/builtin/tenses.h"

#include <QTest>

using namespace tandem::assistant;
using namespace Qt::StringLiterals;

class TestBuiltinTenses final : public QObject
{
    Q_OBJECT

private slots:
    void plainFormsOfPast_word_givesCandidates_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("plain"); // the form among the candidates
        QTest::newRow("regular") << u"cleaned"_s << u"clean"_s;
        QTest::newRow("silent e") << u"reserved"_s << u"reserve"_s;
        QTest::newRow("doubled") << u"submitted"_s << u"submit"_s;
        QTest::newRow("y") << u"emptied"_s << u"empty"_s;
        QTest::newRow("bought") << u"bought"_s << u"buy"_s;
        QTest::newRow("paid") << u"paid"_s << u"pay"_s;
        QTest::newRow("sent") << u"sent"_s << u"send"_s;
        QTest::newRow("begun") << u"begun"_s << u"begin"_s;
    }
    void plainFormsOfPast_word_givesCandidates()
    {
        QFETCH(QString, word);
        QFETCH(QString, plain);
        QVERIFY2(plainFormsOfPast(word).contains(plain), qPrintable(plainFormsOfPast(word).join(u", "_s)));
    }

    void plainFormsOfPast_otherWords_nothing()
    {
        for (const QString &word : {u"garage"_s, u"red"_s, u"clean"_s, u"tomorrow"_s, u"shed"_s})
            QVERIFY2(plainFormsOfPast(word).isEmpty(), qPrintable(word));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinTenses)

#include "tst_builtin_tenses.moc"
