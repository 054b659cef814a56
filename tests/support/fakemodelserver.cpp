#include "fakemodelserver.h"

#include <QJsonDocument>
#include <QTcpSocket>

#include <atomic>

namespace tandem::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray completion(const QJsonObject &message, const QString &finishReason)
{
    static std::atomic<int> counter{0};
    const QJsonObject body{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-%1").arg(++counter)},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("model"), QStringLiteral("fake-model")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("message"), message},
                                {QStringLiteral("finish_reason"), finishReason}}}},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

QJsonObject FakeModelServer::Request::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray FakeModelServer::Request::messages() const
{
    return json().value(QStringLiteral("messages")).toArray();
}

QList<QJsonObject> FakeModelServer::Request::toolResults() const
{
    QList<QJsonObject> results;
    const QJsonArray all = messages();
    for (const QJsonValue &message : all) {
        if (message.toObject().value(QStringLiteral("role")).toString() == u"tool")
            results.append(
                QJsonDocument::fromJson(message.toObject().value(QStringLiteral("content")).toString().toUtf8())
                    .object());
    }
    return results;
}

QJsonObject FakeModelServer::Request::lastToolResult() const
{
    const auto results = toolResults();
    return results.isEmpty() ? QJsonObject() : results.constLast();
}

FakeModelServer::FakeModelServer(QObject *parent)
    : QObject(parent)
    , m_fallback([this](const Request &) {
        ++unscripted;
        return status(500, "{\"error\":{\"message\":\"unscripted\"}}");
    })
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeModelServer::accept);
}

FakeModelServer::~FakeModelServer() = default;

bool FakeModelServer::listen(QString *error)
{
    if (m_server.listen(QHostAddress::LocalHost, 0))
        return true;
    *error = QStringLiteral("the fake model server cannot listen on 127.0.0.1: ") + m_server.errorString();
    return false;
}

quint16 FakeModelServer::port() const
{
    return m_server.serverPort();
}

QUrl FakeModelServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port()));
}

void FakeModelServer::enqueue(Response response)
{
    m_script.append([response](const Request &) { return response; });
}

void FakeModelServer::enqueue(Script script)
{
    m_script.append(std::move(script));
}

void FakeModelServer::setFallback(Script script)
{
    m_fallback = std::move(script);
}

FakeModelServer::Response FakeModelServer::text(const QString &content)
{
    return Response{200,
                    completion(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                           {QStringLiteral("content"), content}},
                               QStringLiteral("stop")),
                    {},
                    false};
}

FakeModelServer::Response FakeModelServer::toolCalls(const QList<std::pair<QString, QString>> &calls)
{
    static std::atomic<int> counter{0};
    QJsonArray list;
    for (const auto &[name, arguments] : calls) {
        list.append(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("call_%1").arg(++counter)},
            {QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"),
             QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}}},
        });
    }
    // content: null, as OpenAI sends it next to tool calls.
    return Response{200,
                    completion(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                           {QStringLiteral("content"), QJsonValue(QJsonValue::Null)},
                                           {QStringLiteral("tool_calls"), list}},
                               QStringLiteral("tool_calls")),
                    {},
                    false};
}

FakeModelServer::Response FakeModelServer::status(int code, const QByteArray &body)
{
    return Response{code, body, {}, false};
}

void FakeModelServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeModelServer::read(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        requests.append(request);
        answer(socket, request);
        Q_EMIT requestReceived();
    }
}

void FakeModelServer::answer(QTcpSocket *socket, const Request &request)
{
    const Script script = m_script.isEmpty() ? m_fallback : m_script.takeFirst();
    const Response response = script(request);
    if (response.hang)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size())
        + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    socket->write(head + "\r\n" + response.body);
    socket->disconnectFromHost();
}

} // namespace tandem::test
