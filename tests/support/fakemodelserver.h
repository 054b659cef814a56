#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <utility>

class QTcpSocket;

namespace tandem::test {

// An OpenAI-compatible /v1/chat/completions server inside the test: plain
// HTTP/1.1 on 127.0.0.1, port 0. It records every request and answers each
// with the next scripted response (a fixed one, or one computed from the
// request, e.g. a tool call using an id from the previous tool result). When
// the script has run out it uses the fallback, by default HTTP 500 with
// "unscripted" in the body (and counts it in `unscripted`).
class FakeModelServer final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path; // with the query
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;

        QJsonObject json() const;
        QJsonArray messages() const;
        // The parsed content of the last "tool" message; empty when none.
        QJsonObject lastToolResult() const;
        // Every "tool" message's parsed content, in order.
        QList<QJsonObject> toolResults() const;
    };

    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool hang = false; // never answer (the connection stays open)
    };
    using Script = std::function<Response(const Request &)>;

    explicit FakeModelServer(QObject *parent = nullptr);
    ~FakeModelServer() override;
    Q_DISABLE_COPY_MOVE(FakeModelServer)

    // Listens on 127.0.0.1, port 0; false (with `error`) when it cannot.
    bool listen(QString *error);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT/v1

    void enqueue(Response response);
    void enqueue(Script script);
    void setFallback(Script script);
    qsizetype pending() const { return m_script.size(); }

    // Answers as the API does.
    static Response text(const QString &content);
    // One assistant message with these calls: {name, arguments as JSON text}.
    static Response toolCalls(const QList<std::pair<QString, QString>> &calls);
    static Response status(int code, const QByteArray &body = "{\"error\":{\"message\":\"failed\"}}");

    QList<Request> requests;
    int unscripted = 0;

Q_SIGNALS:
    void requestReceived();

private:
    void accept();
    void read(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QList<Script> m_script;
    Script m_fallback;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace tandem::test
