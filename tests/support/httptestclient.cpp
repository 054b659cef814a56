#include "httptestclient.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpSocket>
#include <QTest>

namespace tandem::test {

QByteArray HttpResult::header(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    for (const auto &[key, value] : headers) {
        if (key == lower)
            return value;
    }
    return {};
}

int HttpResult::headerCount(QByteArrayView name) const
{
    const QByteArray lower = name.toByteArray().toLower();
    int count = 0;
    for (const auto &header : headers) {
        if (header.first == lower)
            ++count;
    }
    return count;
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpHeaders bearer(const QString &token, HttpHeaders extra)
{
    extra.prepend({"Authorization", "Bearer " + token.toLatin1()});
    return extra;
}

HttpTestClient::HttpTestClient(quint16 port)
    : m_port(port)
    , m_socket(std::make_unique<QTcpSocket>())
{ }

HttpTestClient::~HttpTestClient()
{
    m_socket->abort();
}

bool HttpTestClient::connectToServer(int timeoutMs)
{
    m_socket->connectToHost(QHostAddress::LocalHost, m_port);
    return QTest::qWaitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, timeoutMs);
}

bool HttpTestClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpTestClient::write(const QByteArray &bytes)
{
    m_socket->write(bytes);
    m_socket->flush();
}

QByteArray HttpTestClient::requestBytes(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                        const HttpHeaders &headers, quint16 port)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    bool hasType = false;
    for (const auto &[name, value] : headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            hasType = true;
        if (!value.isEmpty())
            out += name + ": " + value + "\r\n";
    }
    if (!body.isEmpty()) {
        if (!hasType)
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

void HttpTestClient::sendRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                 const HttpHeaders &headers)
{
    write(requestBytes(method, target, body, headers, m_port));
}

std::optional<HttpResult> HttpTestClient::takeResponse()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    HttpResult result;
    result.head = m_buffer.first(end);
    const QList<QByteArray> lines = result.head.split('\n');
    const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    result.status = statusLine.at(1).toInt();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        result.headers.append({name, value});
        if (name == "content-length")
            length = value.toLongLong();
    }
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    result.body = m_buffer.sliced(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    return result;
}

HttpResult HttpTestClient::readResponse(int timeoutMs)
{
    std::optional<HttpResult> result;
    (void)QTest::qWaitFor(
        [&] {
            m_buffer += m_socket->readAll();
            result = takeResponse();
            return result.has_value();
        },
        timeoutMs);
    return result.value_or(HttpResult());
}

HttpResult HttpTestClient::request(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                   const HttpHeaders &headers, int timeoutMs)
{
    sendRequest(method, target, body, headers);
    return readResponse(timeoutMs);
}

bool HttpTestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            m_buffer += m_socket->readAll();
            return m_socket->state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

HttpResult httpRequest(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                       const HttpHeaders &headers, int timeoutMs)
{
    HttpTestClient client(port);
    if (!client.connectToServer(timeoutMs))
        return {};
    return client.request(method, target, body, headers, timeoutMs);
}

QString leakedInternals(const QByteArray &body)
{
    // SQL statements and clauses (as SQL is written: upper case), QtSql and
    // driver names, C++ frames and source files.
    static const QRegularExpression pattern(QStringLiteral(
        "\\b(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|FROM \\w+|CREATE TABLE|WHERE|LINE \\d+:|QSql\\w*|QPSQL|"
        "QSQLITE|libpq|std::\\w+|tandem::\\w+|\\w+\\.cpp|\\w+\\.h:\\d+|0x[0-9a-f]{8,})\\b"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(body));
    return match.hasMatch() ? match.captured(0) : QString();
}

QString errorBodyProblem(const HttpResult &response)
{
    if (response.status == 0)
        return QStringLiteral("no response arrived");
    if (!response.header("content-type").startsWith("application/json"))
        return QStringLiteral("the Content-Type is \"%1\", not JSON")
            .arg(QString::fromLatin1(response.header("content-type")));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return QStringLiteral("the body is not a JSON object: ") + QString::fromUtf8(response.body.left(200));
    const QJsonObject object = document.object();
    if (object.keys() != QStringList{QStringLiteral("error")})
        return QStringLiteral("the body has members besides \"error\": ") + QString::fromUtf8(response.body.left(200));
    const QJsonObject error = object.value(QStringLiteral("error")).toObject();
    for (const QString &key : {QStringLiteral("code"), QStringLiteral("message")}) {
        if (!error.value(key).isString() || error.value(key).toString().isEmpty())
            return QStringLiteral("error.%1 is missing or empty: ").arg(key)
                + QString::fromUtf8(response.body.left(200));
    }
    if (const QString leak = leakedInternals(response.body); !leak.isEmpty())
        return QStringLiteral("the body leaks \"%1\": %2").arg(leak, QString::fromUtf8(response.body.left(400)));
    return {};
}

} // namespace tandem::test
