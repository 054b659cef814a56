#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

class QTcpSocket;

namespace tandem::test {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// One HTTP response as it came off the wire.
struct HttpResult
{
    int status = 0; // 0: no complete response arrived
    HttpHeaders headers; // names lower-cased, in the order sent
    QByteArray head; // the raw status line and headers
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // the first value, or empty
    int headerCount(QByteArrayView name) const;
    QJsonObject json() const; // the body as an object (empty when it is not one)
    // For {"error":{"code","message",...}} bodies.
    QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
    QString errorCode() const { return error().value(QStringLiteral("code")).toString(); }
    QString errorField() const { return error().value(QStringLiteral("field")).toString(); }
};

// "Authorization: Bearer TOKEN" plus `extra`.
HttpHeaders bearer(const QString &token, HttpHeaders extra = {});

// An HTTP/1.1 client over one TCP connection to 127.0.0.1 that writes
// exactly what it is told, so tests can send what real clients would never
// send (slow drips, oversize heads, pipelined requests). Waiting runs the
// event loop (the server under test usually lives on the same thread).
class HttpTestClient final
{
public:
    explicit HttpTestClient(quint16 port);
    ~HttpTestClient();
    Q_DISABLE_COPY_MOVE(HttpTestClient)

    bool connectToServer(int timeoutMs = 5'000);
    bool isConnected() const;
    QTcpSocket &socket() { return *m_socket; }

    void write(const QByteArray &bytes);
    // Writes a request: a Host header always; with a body, Content-Length and
    // (unless `headers` name one) Content-Type: application/json. Headers
    // with an empty value are left out.
    void sendRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                     const HttpHeaders &headers = {});
    // Waits for the next complete response on this connection.
    HttpResult readResponse(int timeoutMs = 10'000);
    HttpResult request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                       const HttpHeaders &headers = {}, int timeoutMs = 10'000);
    // True once the server has closed the connection.
    bool waitForDisconnected(int timeoutMs);

    static QByteArray requestBytes(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                   const HttpHeaders &headers, quint16 port);

private:
    std::optional<HttpResult> takeResponse();

    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

// One request on a fresh connection.
HttpResult httpRequest(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                       const HttpHeaders &headers = {}, int timeoutMs = 10'000);

// The text of an HTTP error body that must never reach a client: SQL
// statements, driver names or a stack trace. Empty when the body is clean.
QString leakedInternals(const QByteArray &body);

// What is wrong with an error response's shape: it must be JSON, exactly
// {"error":{"code":"...","message":"...", ...}} with non-empty strings, and
// leak nothing (leakedInternals). Empty when it is right.
QString errorBodyProblem(const HttpResult &response);

} // namespace tandem::test

// Compares an error response's status and code, and checks its shape.
#define TANDEM_COMPARE_ERROR(response, expectedStatus, expectedCode)                                                   \
    do {                                                                                                               \
        const ::tandem::test::HttpResult &tandemResponse_ = (response);                                                \
        QCOMPARE(tandemResponse_.status, expectedStatus);                                                              \
        const QString tandemProblem_ = ::tandem::test::errorBodyProblem(tandemResponse_);                              \
        QVERIFY2(tandemProblem_.isEmpty(), qPrintable(tandemProblem_));                                                \
        QCOMPARE(tandemResponse_.errorCode(), QString(expectedCode));                                                  \
    } while (false)

namespace tandem::test { } // namespace tandem::test
