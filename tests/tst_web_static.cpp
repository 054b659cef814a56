// The web companion's files as the server serves them (resources/web under
// "/"), and the security headers every answer carries. The page itself is
// tested in Chromium by tests/web (tst_web).
#include "httptestclient.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QTest>

using namespace tandem;
using namespace tandem::test;

class TestWebStatic final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;

    HttpResult get(const QByteArray &target, const HttpHeaders &headers = {})
    {
        return httpRequest(m_fixture->port(), "GET", target, {}, headers);
    }

    static void verifySecurityHeaders(const HttpResult &answer)
    {
        const QByteArray csp = answer.header("content-security-policy");
        QVERIFY2(csp.contains("default-src 'self'"), csp.constData());
        QVERIFY2(csp.contains("frame-ancestors 'none'"), csp.constData());
        QVERIFY2(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp.constData());
        QCOMPARE(answer.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(answer.header("referrer-policy"), QByteArray("no-referrer"));
        QCOMPARE(answer.headerCount("content-security-policy"), 1);
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_fixture = SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
    }
    void cleanup() { m_fixture.reset(); }

    void root_servesThePage()
    {
        const HttpResult answer = get("/");
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.header("content-type").startsWith("text/html"));
        QVERIFY(answer.body.contains("<script type=\"module\" src=\"/app.js\"></script>"));
        QVERIFY(!answer.body.contains("<script>")); // no inline script anywhere
        QCOMPARE(answer.header("cache-control"), QByteArray("no-cache"));
        verifySecurityHeaders(answer);
    }

    void files_haveTheirTypes_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("module") << QByteArray("/app.js") << QByteArray("text/javascript");
        QTest::newRow("another module") << QByteArray("/live.js") << QByteArray("text/javascript");
        QTest::newRow("style") << QByteArray("/app.css") << QByteArray("text/css");
        QTest::newRow("icon") << QByteArray("/icon.svg") << QByteArray("image/svg+xml");
    }

    void files_haveTheirTypes()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, type);
        const HttpResult answer = get(path);
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.header("content-type").startsWith(type), answer.header("content-type").constData());
        QVERIFY(!answer.body.isEmpty());
    }

    void etag_unchanged_304WithoutBody()
    {
        const HttpResult first = get("/app.js");
        const QByteArray etag = first.header("etag");
        QVERIFY(etag.startsWith('"') && etag.endsWith('"'));
        const HttpResult again = get("/app.js", {{"If-None-Match", etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(again.header("etag"), etag);
        QCOMPARE(get("/app.js", {{"If-None-Match", "\"something else\""}}).status, 200);
        QVERIFY(get("/app.css").header("etag") != etag);
    }

    void head_andOtherMethods()
    {
        // HEAD: the head of the GET answer and nothing after it.
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray head;
        QTRY_VERIFY_WITH_TIMEOUT((head += client.socket().readAll()).contains("\r\n\r\n"), 5'000);
        QTest::qWait(100);
        head += client.socket().readAll();
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        QVERIFY2(head.endsWith("\r\n\r\n"), head.constData()); // no body
        const HttpResult post = httpRequest(m_fixture->port(), "POST", "/", "{}");
        TANDEM_COMPARE_ERROR(post, 405, QStringLiteral("method_not_allowed"));
    }

    void unknownFile_404Json()
    {
        for (const QByteArray &path : {QByteArray("/nothing.js"), QByteArray("/../etc/passwd"),
                                       QByteArray("/%2e%2e/app.js"), QByteArray("/web/app.js")}) {
            const HttpResult answer = get(path);
            QVERIFY2(answer.status == 404 || answer.status == 400, path.constData());
            QVERIFY2(errorBodyProblem(answer).isEmpty(), qPrintable(errorBodyProblem(answer)));
        }
    }

    void apiAnswers_carryTheSecurityHeadersToo()
    {
        const HttpResult health = get("/api/health");
        QCOMPARE(health.status, 200);
        QCOMPARE(health.header("cache-control"), QByteArray("no-store"));
        verifySecurityHeaders(health);
        const HttpResult refused = get("/api/tasks");
        QCOMPARE(refused.status, 401);
        verifySecurityHeaders(refused);
    }
};

QTEST_GUILESS_MAIN(TestWebStatic)
#include "tst_web_static.moc"
