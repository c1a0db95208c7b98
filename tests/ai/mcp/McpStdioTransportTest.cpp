#include "ai/mcp/McpStdioTransport.h"

#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using quayside::mcp::McpStdioTransport;

namespace {

struct Pipe
{
    int read = -1;
    int write = -1;
    Pipe()
    {
        int fds[2];
        if (::pipe(fds) == 0) {
            read = fds[0];
            write = fds[1];
        }
    }
    ~Pipe()
    {
        closeRead();
        closeWrite();
    }
    void closeRead()
    {
        if (read >= 0)
            ::close(read);
        read = -1;
    }
    void closeWrite()
    {
        if (write >= 0)
            ::close(write);
        write = -1;
    }
    bool put(const QByteArray& bytes) const
    {
        return ::write(write, bytes.constData(), static_cast<std::size_t>(bytes.size())) == bytes.size();
    }
};

} // namespace

// The stdio transport over real pipes: lines split across reads, CRLF, blank lines, the last line
// without a newline, an over-long line skipped, output larger than a pipe holds written without
// blocking, and a reader that went away.
class McpStdioTransportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsLines()
    {
        Pipe in;
        Pipe out;
        QVERIFY(in.read >= 0 && out.read >= 0);
        McpStdioTransport transport(in.read, out.write);
        QSignalSpy messages(&transport, &McpStdioTransport::messageReceived);
        QSignalSpy closed(&transport, &McpStdioTransport::inputClosed);
        transport.start();
        QVERIFY(in.put("{\"a\":1}\n{\"b\""));
        QTRY_COMPARE(messages.size(), 1);
        QVERIFY(in.put(":2}\r\n\n   \n{\"c\":3}"));
        QTRY_COMPARE(messages.size(), 2);
        in.closeWrite();
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("{\"a\":1}"));
        QCOMPARE(messages.at(1).at(0).toByteArray(), QByteArray("{\"b\":2}"));
        QCOMPARE(messages.at(2).at(0).toByteArray(), QByteArray("{\"c\":3}"));
    }

    void skipsOverlongLines()
    {
        Pipe in;
        Pipe out;
        McpStdioTransport transport(in.read, out.write);
        transport.setMaxMessageBytes(1000);
        QSignalSpy messages(&transport, &McpStdioTransport::messageReceived);
        QSignalSpy tooLong(&transport, &McpStdioTransport::messageTooLong);
        transport.start();
        QVERIFY(in.put(QByteArray(600, 'x')));
        QVERIFY(in.put(QByteArray(600, 'y')));
        QVERIFY(in.put(QByteArray(5000, 'z') + "\n{\"ok\":true}\n" + QByteArray(1000, 'w') + "\n"));
        QTRY_COMPARE(messages.size(), 2);
        QCOMPARE(tooLong.size(), 1);
        QCOMPARE(tooLong.first().first().toLongLong(), 6200);
        QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("{\"ok\":true}"));
        QCOMPARE(messages.at(1).at(0).toByteArray(), QByteArray(1000, 'w')); // exactly the bound is fine
    }

    void writesMoreThanAPipeHolds()
    {
        Pipe in;
        Pipe out;
        McpStdioTransport transport(in.read, out.write);
        QSignalSpy drained(&transport, &McpStdioTransport::drained);
        transport.start();
        // 200 x 2 KiB: three times what a Linux pipe buffers; send() must return while nobody reads.
        for (int i = 0; i < 200; ++i)
            transport.send(QByteArray::number(i) + QByteArray(2048, 'm'));
        transport.finishWriting();
        QCOMPARE(drained.size(), 0);
        QVERIFY(::fcntl(out.read, F_SETFL, O_NONBLOCK) == 0); // our own end, for the test only
        QByteArray received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                char buffer[8192];
                ssize_t n;
                while ((n = ::read(out.read, buffer, sizeof buffer)) > 0)
                    received.append(buffer, n);
                return drained.size() == 1;
            },
            30'000));
        char buffer[8192];
        ssize_t n;
        while ((n = ::read(out.read, buffer, sizeof buffer)) > 0)
            received.append(buffer, n);
        const QList<QByteArray> lines = received.split('\n');
        QCOMPARE(lines.size(), 201); // and an empty piece after the last newline
        for (int i = 0; i < 200; ++i)
            QCOMPARE(lines.at(i), QByteArray::number(i) + QByteArray(2048, 'm'));
    }

    void readerGone()
    {
        Pipe in;
        Pipe out;
        McpStdioTransport transport(in.read, out.write);
        QSignalSpy failed(&transport, &McpStdioTransport::outputFailed);
        transport.start();
        out.closeRead();
        transport.send("{\"jsonrpc\":\"2.0\"}"); // SIGPIPE is ignored: this must not kill the test
        QTRY_COMPARE(failed.size(), 1);
        QSignalSpy drained(&transport, &McpStdioTransport::drained);
        transport.finishWriting();
        QTRY_COMPARE(drained.size(), 1);
    }
};

QTEST_GUILESS_MAIN(McpStdioTransportTest)
#include "McpStdioTransportTest.moc"
