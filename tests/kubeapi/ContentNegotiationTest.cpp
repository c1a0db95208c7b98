// ContentNegotiation: the Accept headers real clients send (captured from kubectl 1.32, Helm 3.17 and
// 4.1, client-go's typed and dynamic clients, curl) and what kube-apiserver answers them with.
#include "ContentNegotiation.h"

#include <QTest>

using namespace quayside::test;
using Output = ContentNegotiation::Output;

class ContentNegotiationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void negotiate_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("table");
        QTest::addColumn<bool>("discovery");
        QTest::addColumn<bool>("acceptable");
        QTest::addColumn<int>("output");
        QTest::addColumn<QByteArray>("contentType");

        const QByteArray json("application/json");
        QTest::newRow("no header") << QByteArray() << false << false << true << int(Output::Object) << json;
        QTest::newRow("curl") << QByteArray("*/*") << false << false << true << int(Output::Object) << json;
        QTest::newRow("json") << json << false << false << true << int(Output::Object) << json;
        QTest::newRow("kubectl version") << QByteArray("application/json, */*") << false << false << true
                                         << int(Output::Object) << json;
        // client-go's typed clientsets (Helm's release storage, its Helm 3 readiness checks): protobuf
        // first; this server has none and falls back to JSON.
        QTest::newRow("typed client") << QByteArray("application/vnd.kubernetes.protobuf,application/json") << false
                                      << false << true << int(Output::Object) << json;
        QTest::newRow("protobuf only") << QByteArray("application/vnd.kubernetes.protobuf") << false << false << false
                                       << 0 << QByteArray();
        QTest::newRow("yaml only") << QByteArray("application/yaml") << false << false << false << 0 << QByteArray();
        QTest::newRow("kubectl get") << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io,application/"
                                                   "json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")
                                     << true << false << true << int(Output::Table)
                                     << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io");
        QTest::newRow("table where there is none")
            << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io,application/json") << false << false << true
            << int(Output::Object) << json;
        QTest::newRow("only a table where there is none") << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io")
                                                          << false << false << false << 0 << QByteArray();
        // The metadata client (PartialObjectMetadata) is not served: its JSON fallback is.
        QTest::newRow("partial metadata")
            << QByteArray("application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;"
                          "g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;"
                          "g=meta.k8s.io;v=v1,application/json")
            << true << false << true << int(Output::Object) << json;
        const QByteArray discovery("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/"
                                   "json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        QTest::newRow("aggregated discovery")
            << discovery << false << true << true << int(Output::DiscoveryV2)
            << QByteArray("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        QTest::newRow("kubectl 1.27 discovery")
            << QByteArray("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")
            << false << true << true << int(Output::DiscoveryV2Beta1)
            << QByteArray("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        QTest::newRow("discovery on a group version")
            << discovery << false << false << true << int(Output::Object) << json;
        QTest::newRow("quality first") << QByteArray(
            "application/json;q=0.5,application/json;as=Table;g=meta.k8s.io;v=v1")
                                       << true << false << true << int(Output::Table)
                                       << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io");
        QTest::newRow("q=0 refuses") << QByteArray("application/json;q=0") << false << false << false << 0
                                     << QByteArray();
        QTest::newRow("an unknown parameter")
            << QByteArray("application/json;foo=bar") << false << false << false << 0 << QByteArray();
        QTest::newRow("pretty") << QByteArray("application/json;pretty=1") << false << false << true
                                << int(Output::Object) << json;
        QTest::newRow("text") << QByteArray("text/plain") << false << false << false << 0 << QByteArray();
    }

    void negotiate()
    {
        QFETCH(QByteArray, accept);
        QFETCH(bool, table);
        QFETCH(bool, discovery);
        QFETCH(bool, acceptable);
        QFETCH(int, output);
        QFETCH(QByteArray, contentType);
        ContentNegotiation::Offers offers;
        offers.table = table;
        offers.aggregatedDiscovery = discovery;
        const auto choice = ContentNegotiation::negotiate(accept, offers);
        QCOMPARE(choice.has_value(), acceptable);
        if (!choice)
            return;
        QCOMPARE(int(choice->output), output);
        QCOMPARE(choice->contentType, contentType);
    }

    void notAcceptableIsAStatus()
    {
        const ApiStatus status = ContentNegotiation::notAcceptable();
        QCOMPARE(status.code(), 406);
        QCOMPARE(status.reason(), QStringLiteral("NotAcceptable"));
        QVERIFY(status.message().startsWith(QStringLiteral("only the following media types are accepted: ")));
    }
};

QTEST_GUILESS_MAIN(ContentNegotiationTest)
#include "ContentNegotiationTest.moc"
