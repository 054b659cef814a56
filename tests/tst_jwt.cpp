// JwtCodec: HS256 only, strict parsing, the registered claims, and
// interoperability with an independent implementation (Debian's PyJWT).
#include "auth/jwt.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace tandem;
using namespace std::chrono_literals;

namespace {

const QByteArray key = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const QString issuer = QStringLiteral("tandem");
const QString audience = QStringLiteral("tandem-api");
const QDateTime now = QDateTime(QDate(2031, 5, 4), QTime(12, 0), Qt::UTC);
const QUuid user = QUuid::fromString(QStringLiteral("0b9b4bb4-32d5-4b8a-9a34-8d7c9e3f4a11"));

constexpr QByteArray::Base64Options url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(url);
}

QJsonObject standardHeader()
{
    return {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
}

QJsonObject standardClaims()
{
    const qint64 t = now.toSecsSinceEpoch();
    return {
        {QStringLiteral("sub"), user.toString(QUuid::WithoutBraces)},
        {QStringLiteral("iss"), issuer},
        {QStringLiteral("aud"), audience},
        {QStringLiteral("iat"), t},
        {QStringLiteral("nbf"), t},
        {QStringLiteral("exp"), t + 3600},
        {QStringLiteral("jti"), QStringLiteral("token-1")},
    };
}

// A token signed by an HMAC implementation other than the codec's (Qt's).
QString sign(const QByteArray &header, const QByteArray &payload,
             QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256, const QByteArray &withKey = key)
{
    const QByteArray input = header + '.' + payload;
    const QByteArray mac = QMessageAuthenticationCode::hash(input, withKey, algorithm);
    return QString::fromLatin1(input + '.' + mac.toBase64(url));
}

QString token(const QJsonObject &claims, const QJsonObject &header = standardHeader())
{
    return sign(encode(header), encode(claims));
}

QJsonObject with(QJsonObject object, const QString &name, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(name);
    else
        object.insert(name, value);
    return object;
}

QString flipChar(QString text, qsizetype at)
{
    text[at] = text.at(at) == u'A' ? u'B' : u'A';
    return text;
}

// Runs PyJWT. Fails the calling test (returns nullopt) when python3 or the jwt module is missing.
std::optional<QString> python(const QStringList &arguments, QString *failure)
{
    // Debian's python3-jwt is installed for the system interpreter, which a
    // python3 earlier in PATH (pyenv, a virtualenv) may not see.
    QString program = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (program.isEmpty()) {
        *failure = QStringLiteral("python3 is not installed (scripts/lib/deps.sh installs it with python3-jwt)");
        return std::nullopt;
    }
    static const QString script = QStringLiteral(R"(
import json, sys
import jwt  # Debian's python3-jwt (PyJWT)
key = bytes.fromhex(sys.stdin.readline().strip())
mode, issuer, audience = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "decode":
    claims = jwt.decode(sys.argv[4], key, algorithms=["HS256"], issuer=issuer, audience=audience,
                        options={"require": ["exp", "iat", "sub", "jti", "iss", "aud"]})
    print(json.dumps(claims))
else:
    now = int(sys.argv[4])
    print(jwt.encode({"sub": sys.argv[5], "iss": issuer, "aud": [audience, "other"], "iat": now, "nbf": now,
                      "exp": now + 600, "jti": sys.argv[6]}, key, algorithm="HS256"))
)");
    QProcess process;
    process.start(program, QStringList{QStringLiteral("-c"), script} + arguments);
    if (!process.waitForStarted(10000)) {
        *failure = QStringLiteral("cannot start python3: ") + process.errorString();
        return std::nullopt;
    }
    process.write(key.toHex() + '\n');
    process.closeWriteChannel();
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *failure = QStringLiteral("PyJWT failed: ") + QString::fromUtf8(process.readAllStandardError());
        return std::nullopt;
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private:
    JwtCodec m_codec{key, issuer, audience};

private Q_SLOTS:
    void mint_verify_roundTripsClaims()
    {
        const QUuid jti = QUuid::createUuid();
        const QString minted = m_codec.mint(user, now.addMSecs(750), 30min, jti);
        QCOMPARE(minted.count(u'.'), 2);
        const QList<QStringView> parts = QStringView(minted).split(u'.');
        const auto header
            = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(0).toLatin1(), QByteArray::Base64UrlEncoding));
        QCOMPARE(header.object(), standardHeader());
        QVERIFY(!minted.contains(u'=')); // base64url without padding
        QVERIFY(!minted.contains(u'+') && !minted.contains(u'/'));

        auto claims = m_codec.verify(minted, now.addSecs(60));
        TANDEM_VERIFY_OK(claims);
        QCOMPARE(claims->subject, user.toString(QUuid::WithoutBraces));
        QCOMPARE(claims->issuer, issuer);
        QCOMPARE(claims->audience, audience);
        QCOMPARE(claims->id, jti.toString(QUuid::WithoutBraces));
        QCOMPARE(claims->issuedAt, now); // whole seconds
        QCOMPARE(claims->notBefore, now);
        QCOMPARE(claims->expiresAt, now.addSecs(30 * 60));
    }

    void verify_accepts_data()
    {
        QTest::addColumn<QString>("token");
        const QJsonObject claims = standardClaims();
        const qint64 t = now.toSecsSinceEpoch();
        QTest::newRow("signed by another HMAC implementation") << token(claims);
        QTest::newRow("aud array containing ours")
            << token(with(claims, QStringLiteral("aud"), QJsonArray{QStringLiteral("other"), audience}));
        QTest::newRow("no nbf") << token(with(claims, QStringLiteral("nbf"), QJsonValue::Undefined));
        QTest::newRow("no typ") << token(claims, QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")}});
        QTest::newRow("iat and nbf 30 s ahead (leeway)")
            << token(with(with(claims, QStringLiteral("iat"), t + 30), QStringLiteral("nbf"), t + 30));
        QTest::newRow("expires in one second") << token(with(claims, QStringLiteral("exp"), t + 1));
        QTest::newRow("fractional times") << token(with(claims, QStringLiteral("exp"), double(t) + 0.5));
        QTest::newRow("extra claims and header fields")
            << token(with(claims, QStringLiteral("scope"), QStringLiteral("all")),
                     with(standardHeader(), QStringLiteral("kid"), QStringLiteral("k1")));
    }

    void verify_accepts()
    {
        QFETCH(QString, token);
        auto claims = m_codec.verify(token, now);
        TANDEM_VERIFY_OK(claims);
        QCOMPARE(claims->subject, user.toString(QUuid::WithoutBraces));
        QCOMPARE(claims->audience, audience);
    }

    void verify_rejects_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("reason");
        const QString invalid = QStringLiteral("invalid_token");
        const QJsonObject claims = standardClaims();
        const QByteArray payload = encode(claims);
        const qint64 t = now.toSecsSinceEpoch();
        const QString good = token(claims);
        const auto header = [](const QString &alg) {
            return encode(with(standardHeader(), QStringLiteral("alg"), alg));
        };

        // Algorithms other than HS256, each with a signature an attacker could make.
        QTest::newRow("alg none, no signature")
            << QString::fromLatin1(header(QStringLiteral("none")) + '.' + payload + '.') << invalid;
        QTest::newRow("alg none, HS256 signature") << sign(header(QStringLiteral("none")), payload) << invalid;
        QTest::newRow("alg HS384") << sign(header(QStringLiteral("HS384")), payload, QCryptographicHash::Sha384)
                                   << invalid;
        QTest::newRow("alg HS512") << sign(header(QStringLiteral("HS512")), payload, QCryptographicHash::Sha512)
                                   << invalid;
        QTest::newRow("alg RS256, HMAC signature (key confusion)")
            << sign(header(QStringLiteral("RS256")), payload) << invalid;
        QTest::newRow("alg hs256 (lower case)") << sign(header(QStringLiteral("hs256")), payload) << invalid;
        QTest::newRow("alg missing") << sign(
            encode(with(standardHeader(), QStringLiteral("alg"), QJsonValue::Undefined)), payload)
                                     << invalid;
        QTest::newRow("crit header") << sign(
            encode(with(standardHeader(), QStringLiteral("crit"), QJsonArray{QStringLiteral("exp")})), payload)
                                     << invalid;
        QTest::newRow("typ not JWT") << sign(
            encode(with(standardHeader(), QStringLiteral("typ"), QStringLiteral("JWE"))), payload)
                                     << invalid;

        // Signatures.
        const qsizetype signatureAt = good.lastIndexOf(u'.') + 1;
        QTest::newRow("bad signature (one flipped char)") << flipChar(good, signatureAt + 10) << invalid;
        {
            // 32 bytes take 43 characters; the last one carries 2 unused bits,
            // so this spelling decodes to the same bytes: still refused.
            static const QString alphabet
                = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
            QString respelled = good;
            const qsizetype index = alphabet.indexOf(respelled.back());
            respelled.back() = alphabet.at(index ^ 1);
            QTest::newRow("signature with other trailing bits") << respelled << invalid;
        }
        QTest::newRow("signature missing") << good.left(signatureAt) << invalid;
        QTest::newRow("signed with another key")
            << sign(encode(standardHeader()), payload, QCryptographicHash::Sha256, QByteArray(32, 'k')) << invalid;
        QTest::newRow("payload changed after signing") << QString(
            QString::fromLatin1(encode(standardHeader())) + u'.'
            + QString::fromLatin1(
                encode(with(claims, QStringLiteral("sub"), QUuid::createUuid().toString(QUuid::WithoutBraces))))
            + good.mid(signatureAt - 1)) << invalid;

        // Times.
        QTest::newRow("expired") << token(with(claims, QStringLiteral("exp"), t - 1))
                                 << QStringLiteral("token_expired");
        QTest::newRow("expires exactly now")
            << token(with(claims, QStringLiteral("exp"), t)) << QStringLiteral("token_expired");
        QTest::newRow("nbf beyond the leeway") << token(with(claims, QStringLiteral("nbf"), t + 31)) << invalid;
        QTest::newRow("iat beyond the leeway") << token(with(claims, QStringLiteral("iat"), t + 31)) << invalid;
        QTest::newRow("exp not a number")
            << token(with(claims, QStringLiteral("exp"), QString::number(t + 60))) << invalid;
        QTest::newRow("exp absurdly far") << token(with(claims, QStringLiteral("exp"), 1e300)) << invalid;
        QTest::newRow("nbf not a number")
            << token(with(claims, QStringLiteral("nbf"), QStringLiteral("soon"))) << invalid;

        // Issuer and audience.
        QTest::newRow("wrong iss") << token(with(claims, QStringLiteral("iss"), QStringLiteral("evil"))) << invalid;
        QTest::newRow("wrong aud") << token(with(claims, QStringLiteral("aud"), QStringLiteral("other-api")))
                                   << invalid;
        QTest::newRow("aud array without ours")
            << token(with(claims, QStringLiteral("aud"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}))
            << invalid;
        QTest::newRow("aud not a string") << token(with(claims, QStringLiteral("aud"), 7)) << invalid;

        // Required claims.
        for (const char *name : {"sub", "jti", "exp", "iat", "iss", "aud"}) {
            QTest::addRow("missing %s", name)
                << token(with(claims, QString::fromLatin1(name), QJsonValue::Undefined)) << invalid;
        }
        QTest::newRow("sub not a string") << token(with(claims, QStringLiteral("sub"), 42)) << invalid;
        QTest::newRow("empty jti") << token(with(claims, QStringLiteral("jti"), QString())) << invalid;

        // Shape.
        QTest::newRow("empty") << QString() << invalid;
        QTest::newRow("garbage") << QStringLiteral("this is not a token") << invalid;
        QTest::newRow("2 parts") << good.left(signatureAt - 1) << invalid;
        QTest::newRow("4 parts") << QString(good + QStringLiteral(".e30")) << invalid;
        QTest::newRow("padding") << QString(good + QStringLiteral("=")) << invalid;
        QTest::newRow("base64, not base64url")
            << QString(good).replace(u'-', u'+').replace(u'_', u'/').append(QStringLiteral("+/")) << invalid;
        QTest::newRow("non-ASCII") << QString(good).insert(5, u'é') << invalid;
        QTest::newRow("header not JSON") << sign(QByteArray("not json").toBase64(url), payload) << invalid;
        QTest::newRow("header a JSON array") << sign(QByteArray("[\"HS256\"]").toBase64(url), payload) << invalid;
        QTest::newRow("payload a JSON array")
            << sign(encode(standardHeader()), QByteArray("[1]").toBase64(url)) << invalid;
        QTest::newRow("payload not JSON") << sign(encode(standardHeader()), QByteArray("{").toBase64(url)) << invalid;
        QTest::newRow("over 8 KiB, validly signed")
            << token(with(claims, QStringLiteral("pad"), QString(6200, u'x'))) << invalid;
    }

    void verify_rejects()
    {
        QFETCH(QString, token);
        QFETCH(QString, reason);
        auto claims = m_codec.verify(token, now);
        QVERIFY(!claims);
        QCOMPARE(claims.error().code, ErrorCode::Unauthorized);
        QCOMPARE(claims.error().reason, reason);
        QCOMPARE(claims.error().wireCode(), reason);
        QVERIFY(!claims.error().message.isEmpty());
    }

    void verify_oversizeToken_rejectedUnread()
    {
        const QString huge = token(with(standardClaims(), QStringLiteral("pad"), QString(100000, u'x')));
        QVERIFY(huge.size() > JwtCodec::MaxTokenLength);
        auto claims = m_codec.verify(huge, now);
        QVERIFY(!claims);
        QCOMPARE(claims.error().reason, QStringLiteral("invalid_token"));
    }

    void verify_anotherIssuerOrAudienceCodec_rejects()
    {
        const QString minted = m_codec.mint(user, now, 1h);
        QVERIFY(m_codec.verify(minted, now));
        QVERIFY(!JwtCodec(key, QStringLiteral("other"), audience).verify(minted, now));
        QVERIFY(!JwtCodec(key, issuer, QStringLiteral("other")).verify(minted, now));
        QVERIFY(!JwtCodec(QByteArray(32, 'z'), issuer, audience).verify(minted, now));
    }

    void mint_verifiesWithPyJwt()
    {
        const QDateTime realNow = QDateTime::currentDateTimeUtc();
        const QUuid jti = QUuid::createUuid();
        const QString minted = m_codec.mint(user, realNow, 10min, jti);
        QString failure;
        const auto decoded = python({QStringLiteral("decode"), issuer, audience, minted}, &failure);
        if (!decoded)
            QFAIL(qPrintable(failure));
        const QJsonObject claims = QJsonDocument::fromJson(decoded->toUtf8()).object();
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), user.toString(QUuid::WithoutBraces));
        QCOMPARE(claims.value(QStringLiteral("jti")).toString(), jti.toString(QUuid::WithoutBraces));
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), audience);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), realNow.toSecsSinceEpoch() + 600);
    }

    void mint_pyJwtRefusesWrongAudience()
    {
        // The interoperability check above could not pass by accident: PyJWT does check.
        const QString minted = m_codec.mint(user, QDateTime::currentDateTimeUtc(), 10min);
        QString failure;
        QVERIFY(!python({QStringLiteral("decode"), issuer, QStringLiteral("someone-else"), minted}, &failure));
        QVERIFY2(failure.contains(QStringLiteral("InvalidAudienceError")), qPrintable(failure));
    }

    void verify_acceptsPyJwtToken()
    {
        const QDateTime realNow = QDateTime::currentDateTimeUtc();
        const QString jti = QStringLiteral("from-pyjwt-") + QString::number(realNow.toMSecsSinceEpoch());
        QString failure;
        const auto minted
            = python({QStringLiteral("encode"), issuer, audience, QString::number(realNow.toSecsSinceEpoch()),
                      user.toString(QUuid::WithoutBraces), jti},
                     &failure);
        if (!minted)
            QFAIL(qPrintable(failure));
        auto claims = m_codec.verify(*minted, realNow);
        TANDEM_VERIFY_OK(claims);
        QCOMPARE(claims->subject, user.toString(QUuid::WithoutBraces));
        QCOMPARE(claims->id, jti);
        QCOMPARE(claims->audience, audience); // ours, out of ["tandem-api", "other"]
        QCOMPARE(claims->expiresAt.toSecsSinceEpoch(), realNow.toSecsSinceEpoch() + 600);
        // And a codec with another key refuses it.
        QVERIFY(!JwtCodec(QByteArray(32, 'z'), issuer, audience).verify(*minted, realNow));
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
