// The built-in engine's reading of a message (core/assistant/builtin/message.h):
// quotes, contractions, possessives, typos in command words, courtesy.
#include "assistant/builtin/message.h"

#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using namespace Qt::StringLiterals;

namespace {
QString foldedWords(const Message &m)
{
    return m.folded(0, m.words.size() - 1).join(u' ');
}
} // namespace

class TestBuiltinMessage final : public QObject
{
    Q_OBJECT

private slots:
    void readMessage_text_givesFoldedWords_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("words");
        QTest::addColumn<bool>("question");
        QTest::newRow("plain") << u"Add Buy MILK"_s << u"add buy milk"_s << false;
        QTest::newRow("question mark") << u"what's due?"_s << u"what is due"_s << true;
        QTest::newRow("isn't") << u"the report isn't done yet"_s << u"the report is not done yet"_s << false;
        QTest::newRow("curly apostrophe") << u"I’ve finished it"_s << u"i have finished it"_s << false;
        QTest::newRow("no apostrophe") << u"dont forget milk"_s << u"do not forget milk"_s << false;
        QTest::newRow("it's") << u"it's urgent"_s << u"it is urgent"_s << false;
        QTest::newRow("let's") << u"let's add tea"_s << u"let us add tea"_s << false;
        QTest::newRow("possessive before a field")
            << u"change buy milk's due date"_s << u"change buy milk 's due date"_s << false;
        QTest::newRow("possessive elsewhere") << u"call Ana's mum"_s << u"call ana's mum"_s << false;
        QTest::newRow("accents") << u"Café lumière"_s << u"cafe lumiere"_s << false;
        QTest::newRow("command typo") << u"compelte the report"_s << u"complete the report"_s << false;
        QTest::newRow("date typo") << u"move it to tommorow"_s << u"move it to tomorrow"_s << false;
        QTest::newRow("inflection is no typo")
            << u"the photos can be deleted"_s << u"the photos can be deleted"_s << false;
        QTest::newRow("short words kept") << u"dine with ana"_s << u"dine with ana"_s << false;
    }
    void readMessage_text_givesFoldedWords()
    {
        QFETCH(QString, raw);
        QFETCH(QString, words);
        QFETCH(bool, question);
        const Message m = readMessage(raw);
        QCOMPARE(foldedWords(m), words);
        QCOMPARE(m.question, question);
    }

    void readMessage_titleWords_neverRespelled()
    {
        // "Compelte Inc" is the user's own word: a title is never "corrected".
        const Message m = readMessage(u"call compelte about the invoice"_s,
                                      [](const QString &word) { return word == u"compelte"; });
        QCOMPARE(foldedWords(m), u"call compelte about the invoice"_s);
    }

    void readMessage_contraction_pointsAtOriginalText()
    {
        const Message m = readMessage(u"add don't forget the milk"_s);
        QCOMPARE(foldedWords(m), u"add do not forget the milk"_s);
        // The title is cut from the text as typed.
        QCOMPARE(m.span(1, m.words.size() - 1), u"don't forget the milk"_s);
    }

    void readMessage_quotes_oneLiteralWord()
    {
        const Message m = readMessage(u"rename it to \"Plan Q1, maybe\""_s);
        QCOMPARE(m.words.size(), 4);
        QVERIFY(m.isQuote(3));
        QCOMPARE(m.literal(3, 3), u"Plan Q1, maybe"_s);
        QCOMPARE(m.word(3), Message::quoteMarker());
    }

    void stripCourtesy_aroundRequest_removed_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("words");
        QTest::newRow("please") << u"please add milk"_s << u"add milk"_s;
        QTest::newRow("could you") << u"could you add milk for me please"_s << u"add milk"_s;
        QTest::newRow("hey tandem") << u"hey tandem, add milk thanks"_s << u"add milk"_s;
        QTest::newRow("would you mind") << u"would you mind adding milk"_s << u"add milk"_s;
        QTest::newRow("do you mind") << u"do you mind moving it to friday"_s << u"move it to friday"_s;
        QTest::newRow("a lone word stays") << u"please"_s << u"please"_s;
        QTest::newRow("if you can") << u"move it to friday if you can"_s << u"move it to friday"_s;
    }
    void stripCourtesy_aroundRequest_removed()
    {
        QFETCH(QString, raw);
        QFETCH(QString, words);
        Message m = readMessage(raw);
        stripCourtesy(m);
        QCOMPARE(foldedWords(m), words);
    }

    void removeWords_quotes_keepTheirPlace()
    {
        Message m = readMessage(u"please add 'milk' now"_s);
        QVERIFY(m.isQuote(2));
        m.removeWords(0, 1);
        QVERIFY(m.isQuote(1));
        QCOMPARE(m.literal(1, 1), u"milk"_s);
        const Message sub = m.slice(1, 2);
        QVERIFY(sub.isQuote(0));
        QCOMPARE(sub.words.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestBuiltinMessage)

#include "tst_builtin_message.moc"
