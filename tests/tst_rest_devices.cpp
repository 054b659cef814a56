// Pairing over REST against a real SyncServer on 127.0.0.1: a code issued by
// a signed-in user is exchanged for a device token (POST /api/auth/pair), the
// device is listed with its last use, and revoking it (here or on the
// desktop) closes every socket it opened at once.
#include "auth/accountservice.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace tandem;
using namespace tandem::test;

class TestRestDevices final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;
    AuthToken m_bob;

    HttpResult call(const QByteArray &method, const QByteArray &target, const QJsonObject &body = {},
                    const QString &token = {})
    {
        const QByteArray bytes = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return httpRequest(m_fixture->port(), method, target, bytes, token.isEmpty() ? HttpHeaders{} : bearer(token));
    }

    QString newCode(const QString &token)
    {
        const HttpResult issued = call("POST", "/api/devices/pairing-code", {}, token);
        if (issued.status != 201)
            qWarning() << issued.status << issued.body;
        return issued.json().value(QStringLiteral("code")).toString();
    }

    HttpResult pair(const QString &code, const QString &name)
    {
        return call("POST", "/api/auth/pair", {{QStringLiteral("code"), code}, {QStringLiteral("deviceName"), name}});
    }

    QJsonArray devices(const QString &token)
    {
        return call("GET", "/api/devices", {}, token).json().value(QStringLiteral("devices")).toArray();
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_fixture = SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        m_bob = bob.value();
    }
    void cleanup() { m_fixture.reset(); }

    void pair_givesADeviceTokenThatWorksEverywhere()
    {
        const QString code = newCode(m_alice.token);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}$")).match(code).hasMatch(),
                 qPrintable(code));
        const HttpResult paired = pair(code, QStringLiteral("Pixel 8 (Chrome)"));
        QCOMPARE(paired.status, 201);
        const QJsonObject body = paired.json();
        const QString token = body.value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());
        QCOMPARE(body.value(QStringLiteral("user")).toObject().value(QStringLiteral("username")).toString(),
                 QStringLiteral("alice"));
        const QJsonObject device = body.value(QStringLiteral("device")).toObject();
        QCOMPARE(device.value(QStringLiteral("name")).toString(), QStringLiteral("Pixel 8 (Chrome)"));
        QVERIFY(!device.contains(QStringLiteral("tokenId")));

        // The token reads alice's tasks and opens a live socket.
        QCOMPARE(call("GET", "/api/tasks", {}, token).status, 200);
        QCOMPARE(call("GET", "/api/auth/me", {}, token)
                     .json()
                     .value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("username")),
                 QJsonValue(QStringLiteral("alice")));
        RawWsClient socket;
        QVERIFY(socket.open(m_fixture->webSocketUrl(), token));

        // Alice sees the device; Bob does not.
        const QJsonArray listed = devices(m_alice.token);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("id")), device.value(QStringLiteral("id")));
        QVERIFY(listed.at(0).toObject().contains(QStringLiteral("lastUsedAt")));
        QCOMPARE(devices(m_bob.token).size(), 0);
    }

    void pair_badInput_saysWhatToFix()
    {
        const QString code = newCode(m_alice.token);
        TANDEM_COMPARE_ERROR(call("POST", "/api/auth/pair", {{QStringLiteral("deviceName"), QStringLiteral("x")}}), 422,
                             QStringLiteral("validation"));
        TANDEM_COMPARE_ERROR(pair(code, QString()), 422, QStringLiteral("validation"));
        QCOMPARE(pair(code, QString()).errorField(), QStringLiteral("deviceName"));
        TANDEM_COMPARE_ERROR(pair(QStringLiteral("NOPE-NOPE"), QStringLiteral("Phone")), 403,
                             QStringLiteral("invalid_pairing_code"));
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "POST", "/api/auth/pair", "{\"code\":\"\\q\"}"), 422,
                             QStringLiteral("validation"));
        // None of that used the code up.
        QCOMPARE(pair(code, QStringLiteral("Phone")).status, 201);
        // Now it is used.
        TANDEM_COMPARE_ERROR(pair(code, QStringLiteral("Phone")), 403, QStringLiteral("invalid_pairing_code"));
    }

    void devices_needASignedInUser()
    {
        TANDEM_COMPARE_ERROR(call("GET", "/api/devices"), 401, QStringLiteral("unauthorized"));
        TANDEM_COMPARE_ERROR(call("POST", "/api/devices/pairing-code"), 401, QStringLiteral("unauthorized"));
        TANDEM_COMPARE_ERROR(call("DELETE", "/api/devices/" + uuidText(QUuid::createUuid()).toLatin1()), 401,
                             QStringLiteral("unauthorized"));
        TANDEM_COMPARE_ERROR(call("PUT", "/api/devices", {}, m_alice.token), 405, QStringLiteral("method_not_allowed"));
    }

    void revoke_closesTheDevicesSocketsAtOnce_andOnlyTheOwnerCan()
    {
        const QJsonObject paired = pair(newCode(m_alice.token), QStringLiteral("Phone")).json();
        const QString token = paired.value(QStringLiteral("token")).toString();
        const QByteArray path = "/api/devices/"
            + paired.value(QStringLiteral("device")).toObject().value(QStringLiteral("id")).toString().toLatin1();
        RawWsClient phone;
        RawWsClient desktop;
        QVERIFY(phone.open(m_fixture->webSocketUrl(), token));
        QVERIFY(desktop.open(m_fixture->webSocketUrl(), m_alice.token));

        TANDEM_COMPARE_ERROR(call("DELETE", path, {}, m_bob.token), 404, QStringLiteral("not_found"));
        QVERIFY(phone.isConnected());

        QElapsedTimer clock;
        clock.start();
        QCOMPARE(call("DELETE", path, {}, m_alice.token).status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(!phone.isConnected(), 2'000);
        QVERIFY2(clock.elapsed() < 1'000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(phone.closeCode(), 4001);
        QVERIFY(desktop.isConnected());
        TANDEM_COMPARE_ERROR(call("GET", "/api/tasks", {}, token), 401, QStringLiteral("unauthorized"));
        QCOMPARE(devices(m_alice.token).size(), 0);
        TANDEM_COMPARE_ERROR(call("DELETE", path, {}, m_alice.token), 404, QStringLiteral("not_found"));
    }

    void revokeOnTheDesktop_closesTheSocketToo()
    {
        const QJsonObject paired = pair(newCode(m_alice.token), QStringLiteral("Tablet")).json();
        RawWsClient tablet;
        QVERIFY(tablet.open(m_fixture->webSocketUrl(), paired.value(QStringLiteral("token")).toString()));
        const auto id
            = uuidFromText(paired.value(QStringLiteral("device")).toObject().value(QStringLiteral("id")).toString());
        QVERIFY(id);
        TANDEM_VERIFY_OK(m_fixture->accounts().revokeDevice(m_alice.user.id, *id));
        QTRY_VERIFY_WITH_TIMEOUT(!tablet.isConnected(), 2'000);
        QCOMPARE(tablet.closeCode(), 4001);
    }

    void pair_wrongCodes_areThrottled()
    {
        for (int i = 0; i < 5; ++i)
            TANDEM_COMPARE_ERROR(pair(QStringLiteral("AAAA-AAAA"), QStringLiteral("x")), 403,
                                 QStringLiteral("invalid_pairing_code"));
        const HttpResult limited = pair(newCode(m_alice.token), QStringLiteral("x"));
        TANDEM_COMPARE_ERROR(limited, 429, QStringLiteral("rate_limited"));
        QVERIFY(limited.header("retry-after").toInt() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestRestDevices)
#include "tst_rest_devices.moc"
