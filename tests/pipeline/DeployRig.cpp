#include "DeployRig.h"

#include "keychain/Keychain.h"
#include "kubeapi/Scenario.h"
#include "profile/ProfileLoader.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

#include <yaml-cpp/yaml.h>

namespace quayside::test {

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
}

void copyTree(const QString& from, const QString& to)
{
    QDir source(from);
    QDir().mkpath(to);
    for (const QFileInfo& info : source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + info.fileName();
        if (info.isDir())
            copyTree(info.absoluteFilePath(), target);
        else
            QFile::copy(info.absoluteFilePath(), target);
    }
}

QString randomToken(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return out;
}

// What the real tools print, trimmed to what Quayside reads.
const char* kMinikube = R"BASH(
state=@STATE@
last="${@: -1}"
case " $* " in
*" status "*)
    if [ -e "$state/running" ]; then
        echo '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}'
        exit 0
    fi
    echo '{"Name":"minikube","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false}'
    exit 7 ;;
*" start "*)
    echo '* [minikube] minikube v1.36.0 on Debian 12.11'
    echo '* Using the docker driver based on existing profile'
    if [ -e "$state/start-crashes" ]; then kill -9 $$; fi
    echo '* Starting "minikube" primary control-plane node in "minikube" cluster'
    echo '* Restarting existing docker container for "minikube" ...'
    sleep 0.2
    echo '* Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default'
    touch "$state/running"
    exit 0 ;;
*" addons list "*)
    s=disabled; [ -e "$state/addon-metrics-server" ] && s=enabled
    printf '{"dashboard":{"Profile":"minikube","Status":"disabled"},"metrics-server":{"Profile":"minikube","Status":"%s"}}\n' "$s"
    exit 0 ;;
*" addons enable "*)
    touch "$state/addon-$last"
    echo "* The '$last' addon is enabled"
    exit 0 ;;
*" docker-env "*)
    if [ -e "$state/containerd" ]; then
        echo 'X Exiting due to MK_USAGE: The docker-env command is only compatible with the "docker" runtime, but this cluster was configured to use the "containerd" runtime.' >&2
        exit 14
    fi
    if [ -e "$state/docker-host" ]; then
        echo "export DOCKER_HOST=\"$(cat "$state/docker-host")\""
    else
        echo 'export DOCKER_TLS_VERIFY="1"'
        echo 'export DOCKER_HOST="tcp://192.168.49.2:2376"'
        echo 'export DOCKER_CERT_PATH="/home/u/.minikube/certs"'
    fi
    echo 'export MINIKUBE_ACTIVE_DOCKERD="minikube"'
    echo
    echo "# To point your shell to minikube's docker-daemon, run:"
    echo '# eval $(minikube -p minikube docker-env)'
    exit 0 ;;
*" ip "*)
    echo 127.0.0.1
    exit 0 ;;
*" image ls "*)
    ls "$state/images" 2>/dev/null | sed 's/^/docker.io\/library\//; s/__/:/'
    exit 0 ;;
*" image load "*)
    mkdir -p "$state/images"
    touch "$state/images/$(printf '%s' "$last" | tr ':' '_' | sed 's/_/__/')"
    exit 0 ;;
*" service "*)
    echo "http://127.0.0.1:$(cat "$state/nodeport")"
    exit 0 ;;
esac
echo "minikube stand-in: unexpected arguments: $*" >&2
exit 64
)BASH";

const char* kDocker = R"BASH(
state=@STATE@
last="${@: -1}"
file() { printf '%s' "$1" | tr ':' '_' | sed 's/_/__/'; }
case "$1" in
image)
    if [ -e "$state/images/$(file "$last")" ]; then
        echo "sha256:$(printf '%s' "$last" | sha256sum | head -c 64)"
        exit 0
    fi
    echo "Error response from daemon: No such image: $last" >&2
    exit 1 ;;
build)
    ref=""; prev=""
    for a in "$@"; do [ "$prev" = "-t" ] && ref="$a"; prev="$a"; done
    name=${ref%%:*}
    if [ -e "$state/build-slow" ]; then
        # A build that takes a while, printing what dockerd's legacy builder prints.
        if [ "$name" = todo-frontend ]; then
            steps='FROM ${BASE_IMAGE} AS deps|WORKDIR /app|COPY package.json package-lock.json ./|RUN npm ci --no-audit --no-fund|FROM ${BASE_IMAGE} AS builder|ARG NEXT_PUBLIC_API_URL=http://backend-service:8000|WORKDIR /app|COPY --from=deps /app/node_modules ./node_modules|COPY . .|RUN npm run build|FROM ${BASE_IMAGE} AS runner|COPY --from=builder /app/.next/standalone ./'
        else
            steps='FROM ${BASE_IMAGE} AS builder|WORKDIR /build|RUN python3 -m venv /opt/venv|COPY requirements.txt ./|RUN /opt/venv/bin/pip wheel --wheel-dir /wheels -r requirements.txt|FROM ${BASE_IMAGE}|COPY --from=builder /opt/venv /opt/venv|COPY src ./src|USER 10001:10001'
        fi
        total=$(printf '%s' "$steps" | tr '|' '\n' | wc -l); total=$((total + 2))
        i=1
        printf '%s\n' "$steps" | tr '|' '\n' | while read -r step; do
            echo "Step $i/$total : $step"
            case "$step" in
            RUN*pip*) echo 'Collecting fastapi==0.109.0'; echo 'Collecting uvicorn==0.27.0'; echo 'Saved ./wheels/fastapi-0.109.0-py3-none-any.whl' ;;
            RUN*npm\ ci*) echo 'added 412 packages in 9s' ;;
            RUN*build*) echo '> next build'; echo '   Creating an optimized production build ...' ;;
            esac
            echo " ---> Running in $(printf '%s%s' "$ref" "$i" | sha256sum | head -c 12)"
            sleep "$(cat "$state/build-slow")"
            i=$((i + 1))
        done
        echo "Step $total/$total : CMD [\"python\"]"
        echo 'Successfully built 0123456789ab'
        echo "Successfully tagged $ref"
        mkdir -p "$state/images"
        touch "$state/images/$(file "$ref")"
        exit 0
    fi
    echo 'Sending build context to Docker daemon  4.096kB'
    echo 'Step 1/4 : ARG BASE_IMAGE=python:3.11-slim'
    echo 'Step 2/4 : FROM ${BASE_IMAGE}'
    echo ' ---> 4f4a8cd2b1b1'
    if [ -e "$state/build-hangs" ]; then
        echo 'Step 3/4 : RUN sleep 1000'
        echo ' ---> Running in 1b2c3d4e5f60'
        echo $$ > "$state/build.pid"
        sleep 1000 &
        echo $! > "$state/build.child.pid"
        wait
        exit 1
    fi
    if [ -e "$state/build-fails-$name" ]; then
        echo 'Step 3/4 : RUN pip install -r requirements.txt'
        echo ' ---> Running in 2c3d4e5f6071'
        echo 'ERROR: No matching distribution found for fastapi==9.9.9'
        echo "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1"
        exit 1
    fi
    echo 'Step 3/4 : COPY . .'
    echo ' ---> 5e6f7a8b9c0d'
    echo 'Step 4/4 : CMD ["python"]'
    echo 'Successfully built 0123456789ab'
    echo "Successfully tagged $ref"
    mkdir -p "$state/images"
    touch "$state/images/$(file "$ref")"
    exit 0 ;;
esac
echo "docker stand-in: unexpected arguments: $*" >&2
exit 64
)BASH";

// The messages of a failed, rolled-back upgrade are the real ones of the Helm the test pretends to be
// (helm-version holds its `helm version --short`; Helm 3.17.2 by default).
const char* kHelm = R"BASH(
state=@STATE@
fixtures=')BASH" QUAYSIDE_TESTS_DIR R"BASH(/pipeline/fixtures'
major=3
case "$(cat "$state/helm-version" 2>/dev/null)" in v4*) major=4 ;; esac
case "$1" in
version)
    if [ -e "$state/helm-version" ]; then cat "$state/helm-version"; else echo 'v3.17.2+gcc0bbbd'; fi
    exit 0 ;;
upgrade)
    i=0; prev=""; last=""
    for a in "$@"; do
        if [ "$prev" = "-f" ]; then
            i=$((i + 1))
            cat "$a" > "$records/helm-values-$n-$i.yaml"
            ls -ln "$a" > "$records/helm-values-$n-$i.mode"
            last="$records/helm-values-$n-$i.yaml"
        fi
        prev="$a"
    done
    if [ -e "$state/helm-nodeport-taken" ]; then
        # What the API server answers for a Service whose nodePort another Service holds (422), as helm
        # upgrade prints it when it creates the Service.
        echo 'Error: UPGRADE FAILED: failed to create resource: Service "frontend-service" is invalid: spec.ports[0].nodePort: Invalid value: 30000: provided port is already allocated' >&2
        exit 1
    fi
    if [ -e "$state/helm-fails" ]; then
        sleep 0.1
        cat "$fixtures/helm$major-upgrade-rolled-back.stderr" >&2
        exit 1
    fi
    printf '%s\n' "$last" > "$state/helm-request"
    k=0
    while [ ! -e "$state/helm-done" ]; do
        sleep 0.01
        k=$((k + 1))
        if [ $k -gt 6000 ]; then echo 'Error: timed out waiting for the condition' >&2; exit 1; fi
    done
    rm -f "$state/helm-done"
    if [ -e "$state/helm-fails-after-install" ]; then
        # --wait gives up on pods that never become ready, and --atomic rolls the release back.
        sleep "$(cat "$state/helm-fails-after-install")"
        cat "$fixtures/helm$major-upgrade-rolled-back.stderr" >&2
        exit 1
    fi
    rev=$(( $(cat "$state/revision" 2>/dev/null || echo 0) + 1 ))
    echo $rev > "$state/revision"
    echo "Release \"$3\" has been upgraded. Happy Helming!"
    echo "NAME: $3"
    echo "LAST DEPLOYED: Wed Jun 18 14:17:46 2025"
    echo "NAMESPACE: todo-app"
    echo "STATUS: deployed"
    echo "REVISION: $rev"
    echo "TEST SUITE: None"
    exit 0 ;;
history)
    rev=$(cat "$state/revision" 2>/dev/null || echo 0)
    if [ "$rev" = 0 ]; then echo 'Error: release: not found' >&2; exit 1; fi
    out="["; r=1
    while [ $r -le $rev ]; do
        s=superseded; d="Upgrade complete"
        [ $r = 1 ] && d="Install complete"
        [ $r = $rev ] && s=deployed
        [ $r -gt 1 ] && out="$out,"
        out="$out{\"revision\":$r,\"updated\":\"2025-06-18T14:1$r:46.125134977Z\",\"status\":\"$s\",\"chart\":\"todo-chatbot-0.1.0\",\"app_version\":\"1.0.0\",\"description\":\"$d\"}"
        r=$((r + 1))
    done
    echo "$out]"
    exit 0 ;;
rollback)
    echo 'Rollback was a success! Happy Helming!'
    exit 0 ;;
esac
echo "helm stand-in: unexpected arguments: $*" >&2
exit 64
)BASH";

} // namespace

DeployRig::DeployRig()
    : DeployRig(Options())
{ }

DeployRig::DeployRig(Options options)
    : m_options(std::move(options))
{
    m_helmPoll.setInterval(10);
    connect(&m_helmPoll, &QTimer::timeout, this, &DeployRig::pollHelm);
}

DeployRig::~DeployRig()
{
    m_helmPoll.stop();
}

QString DeployRig::stateDir() const
{
    return m_tools->path() + QStringLiteral("/state");
}

QString DeployRig::sourceDir() const
{
    return m_dir.filePath(QStringLiteral("app"));
}

QString DeployRig::profilePath() const
{
    return m_dir.filePath(QStringLiteral("quayside.yaml"));
}

int DeployRig::healthPort() const
{
    return m_http ? m_http->serverPort() : 0;
}

void DeployRig::setFlag(const QString& name, bool on)
{
    setFlag(name, on ? QByteArray("") : QByteArray(), on);
}

void DeployRig::setFlag(const QString& name, const QByteArray& content, bool on)
{
    const QString path = stateDir() + QLatin1Char('/') + name;
    if (on)
        writeFile(path, content);
    else
        QFile::remove(path);
}

bool DeployRig::setUp(QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    m_tools = std::make_unique<StandInTools>();
    QDir().mkpath(stateDir());

    // The health endpoint answers on a port in the NodePort range, like the NodePort Service would.
    m_http = new QTcpServer(this);
    for (int attempt = 0; attempt < 50 && !m_http->isListening(); ++attempt)
        m_http->listen(QHostAddress::LocalHost,
                       static_cast<quint16>(30000 + QRandomGenerator::global()->bounded(2767)));
    if (!m_http->isListening()) {
        *error = QStringLiteral("no free port in the NodePort range");
        return false;
    }
    connect(m_http, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_http->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                const QByteArray request = socket->readAll();
                const bool health = request.startsWith("GET /api/health ");
                const int status = health ? m_healthStatus : 404;
                const QByteArray body = status == 200 ? QByteArray("{\"status\":\"ok\"}") : QByteArray("no");
                socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error")
                              + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    writeFile(stateDir() + QStringLiteral("/nodeport"), QByteArray::number(healthPort()));

    FakeApiServer::Options api;
    api.scenario = Scenario::named(QStringLiteral("empty"));
    api.workDirectory = m_dir.filePath(QStringLiteral("api"));
    if (!m_api.start(api)) {
        *error = QStringLiteral("fake API server: ") + m_api.server()->errorString();
        return false;
    }

    writeStandIns();
    writeProfile();
    m_tools->install();
    m_helmPoll.start();

    // The app's secrets, in the test's private keychain.
    if (m_options.keychainService.isEmpty())
        m_options.keychainService = QStringLiteral("quayside-test-") + QCoreApplication::applicationName();
    m_keychain = std::make_unique<Keychain>(m_options.keychainService, std::chrono::seconds(20));
    const QString db
        = QStringLiteral("postgresql://neondb_owner:%1@ep-test-123.eu-central-1.aws.neon.tech/neondb?sslmode=require")
              .arg(randomToken(24));
    const QString jwt = randomToken(48);
    const QString openai = QStringLiteral("sk-proj-") + randomToken(40);
    m_secrets = { db, jwt, openai, db.section(QLatin1Char(':'), 2).section(QLatin1Char('@'), 0, 0) };
    SecretStore store(m_keychain.get(), profile().secrets);
    const QList<QPair<QString, QString>> values { { QStringLiteral("DATABASE_URL"), db },
                                                  { QStringLiteral("JWT_SECRET"), jwt },
                                                  { QStringLiteral("OPENAI_API_KEY"), openai } };
    for (const auto& [name, value] : values) {
        bool done = false;
        SecretStore::Result result;
        store.set(name, value.toUtf8(), this, [&](const SecretStore::Result& r) {
            result = r;
            done = true;
        });
        QEventLoop loop;
        QTimer guard;
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(50);
        for (int i = 0; i < 600 && !done; ++i)
            loop.exec();
        if (!done || !result.ok()) {
            *error = QStringLiteral("cannot store %1 in the keychain: %2").arg(name, result.message);
            return false;
        }
    }
    return true;
}

void DeployRig::writeStandIns()
{
    const QString state = stateDir();
    auto body = [&state](const QString& tool, const char* script) {
        // StandInTools' prologue writes its argv record with a printf format mangled by QString::arg
        // ('%%s' prints a literal "%s"); write the record again, properly, before anything else.
        QString text = QStringLiteral("printf '%s\\n' \"$@\" > \"$records/") + tool + QStringLiteral("-$n.argv\"\n")
            + QString::fromUtf8(script);
        text.replace(QStringLiteral("@STATE@"), QLatin1Char('\'') + state + QLatin1Char('\''));
        return text;
    };
    m_tools->add(QStringLiteral("minikube"), body(QStringLiteral("minikube"), kMinikube));
    if (m_options.helm.isEmpty())
        m_tools->add(QStringLiteral("helm"), body(QStringLiteral("helm"), kHelm));
    else
        QFile::link(m_options.helm, m_tools->binDir() + QStringLiteral("/helm")); // records nothing: not ours
    if (m_options.standInDocker) {
        m_tools->add(QStringLiteral("docker"), body(QStringLiteral("docker"), kDocker));
    } else {
        // The real docker CLI, first on the stand-ins' PATH (it records nothing: it is not ours).
        QFile::link(QStringLiteral("/usr/local/bin/docker"), m_tools->binDir() + QStringLiteral("/docker"));
        if (!QFileInfo::exists(m_tools->binDir() + QStringLiteral("/docker")))
            QFile::link(QStringLiteral("/usr/bin/docker"), m_tools->binDir() + QStringLiteral("/docker"));
        writeFile(state + QStringLiteral("/docker-host"), m_options.dockerHost.toUtf8());
    }
}

void DeployRig::writeProfile()
{
    const QString app = sourceDir();
    QString backendDockerfile = QStringLiteral("docker/backend/Dockerfile");
    QString frontendDockerfile = QStringLiteral("docker/frontend/Dockerfile");
    if (m_options.useRepositoryDockerfiles) {
        backendDockerfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/docker/backend/Dockerfile");
        frontendDockerfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/docker/frontend/Dockerfile");
        for (const char* service : { "backend", "frontend" }) {
            const QString s = QString::fromLatin1(service);
            copyTree(QStringLiteral(QUAYSIDE_TESTS_DIR "/artifacts/standin/") + s, app + QLatin1Char('/') + s);
            // The legacy builder (no buildx here) reads only the context's .dockerignore.
            QFile::copy(QStringLiteral(QUAYSIDE_SOURCE_DIR "/docker/") + s + QStringLiteral("/.dockerignore"),
                        app + QLatin1Char('/') + s + QStringLiteral("/.dockerignore"));
        }
    } else {
        const QByteArray dockerfile = m_options.dockerfile.isEmpty()
            ? QByteArray(
                "ARG BASE_IMAGE=python:3.11-slim\nFROM ${BASE_IMAGE}\nWORKDIR /app\nCOPY . .\nCMD [\"python3\"]\n")
            : m_options.dockerfile.toUtf8();
        writeFile(m_dir.filePath(backendDockerfile), dockerfile);
        writeFile(m_dir.filePath(frontendDockerfile), dockerfile);
        writeFile(app + QStringLiteral("/backend/requirements.txt"), "fastapi\nuvicorn\n");
        writeFile(app + QStringLiteral("/backend/src/main.py"), "print('backend')\n");
        writeFile(app + QStringLiteral("/frontend/package.json"), "{\"name\":\"frontend\"}\n");
        writeFile(app + QStringLiteral("/frontend/server.js"), "console.log('frontend')\n");
        for (const char* service : { "backend", "frontend" })
            writeFile(app + QLatin1Char('/') + QString::fromLatin1(service) + QStringLiteral("/.dockerignore"),
                      ".env\n.env.*\nnode_modules\n**/__pycache__\n");
    }
    // What a developer's checkout also has, which must neither reach the image nor change its tag.
    for (const char* service : { "backend", "frontend" })
        writeFile(app + QLatin1Char('/') + QString::fromLatin1(service) + QStringLiteral("/.env"),
                  "DATABASE_URL=postgresql://local:local@localhost/dev\n");
    if (m_options.helm.isEmpty()) {
        writeFile(m_dir.filePath(QStringLiteral("chart/Chart.yaml")),
                  "apiVersion: v2\nname: todo-chatbot\nversion: 0.1.0\nappVersion: \"1.0.0\"\n");
        writeFile(m_dir.filePath(QStringLiteral("chart/values-dev.yaml")), "backend:\n  replicas: 1\n");
    } else {
        // A copy: a test may change the chart without touching the repository.
        copyTree(QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/helm/todo-chatbot"),
                 m_dir.filePath(QStringLiteral("chart")));
    }

    QString buildArgs;
    for (auto it = m_options.buildArgs.cbegin(); it != m_options.buildArgs.cend(); ++it)
        buildArgs += QStringLiteral("      %1: \"%2\"\n").arg(it.key(), it.value());
    const QString args
        = buildArgs.isEmpty() ? QStringLiteral("    buildArgs: {}\n") : QStringLiteral("    buildArgs:\n") + buildArgs;
    const QString yaml
        = QStringLiteral(
              "apiVersion: quayside/v1\n"
              "name: todo-chatbot\n"
              "namespace: todo-app\n"
              "source: app\n"
              "minikube:\n  profile: minikube\n  cpus: 2\n  memory: 4096\n  addons: [metrics-server]\n"
              "images:\n"
              "  - name: backend\n    context: ${source}/backend\n    dockerfile: %1\n    repository: todo-backend\n%3"
              "  - name: frontend\n    context: ${source}/frontend\n    dockerfile: %2\n    repository: "
              "todo-frontend\n%3"
              "chart:\n  path: chart\n  release: todo-chatbot\n  timeout: 5m\n  valuesFiles: [chart/values-dev.yaml]\n"
              "  images:\n"
              "    backend: {repository: backend.image.repository, tag: backend.image.tag}\n"
              "    frontend: {repository: frontend.image.repository, tag: frontend.image.tag}\n"
              "  deployments: [backend, frontend]\n"
              "secrets:\n  secretName: todo-app-secrets\n  items:\n"
              "    - {name: DATABASE_URL, required: true, kind: postgres-url}\n"
              "    - {name: JWT_SECRET, required: true, kind: jwt-secret}\n"
              "    - {name: OPENAI_API_KEY, kind: api-key}\n"
              "access:\n  service: frontend-service\n  nodePort: %4\n  mode: nodeport\n"
              "healthChecks:\n  - {name: frontend, path: /api/health, expectStatus: 200}\n")
              .arg(backendDockerfile, frontendDockerfile, args)
              .arg(healthPort());
    writeFile(profilePath(), yaml.toUtf8());
}

Profile DeployRig::profile() const
{
    QList<ProfileError> errors;
    auto p = ProfileLoader::loadFile(profilePath(), &errors, {});
    if (!p)
        qFatal("test profile: %s", qPrintable(ProfileError::join(errors)));
    return *p;
}

PipelineOptions DeployRig::pipelineOptions() const
{
    PipelineOptions options;
    options.target.kubeconfigFiles = { m_api.server()->kubeconfigPath() };
    options.healthTimeout = std::chrono::seconds(10);
    options.healthInterval = std::chrono::milliseconds(200);
    options.diagnoseInterval = std::chrono::milliseconds(500);
    return options;
}

std::unique_ptr<Pipeline> DeployRig::makePipeline()
{
    return std::make_unique<Pipeline>(profile(), pipelineOptions(),
                                      Pipeline::Services { &m_runner, m_keychain.get(), nullptr });
}

bool DeployRig::run(Pipeline& pipeline, int timeoutMs, bool retry)
{
    QSignalSpy finished(&pipeline, &Pipeline::finished);
    if (retry)
        pipeline.retryFromFailed();
    else
        pipeline.start();
    return finished.count() > 0 || finished.wait(timeoutMs);
}

QList<QByteArray> DeployRig::helmValuesFiles() const
{
    QList<QByteArray> files;
    QDir records(m_tools->recordsDir());
    for (const QString& name : records.entryList({ QStringLiteral("helm-values-*.yaml") }, QDir::Files, QDir::Name)) {
        QFile f(records.filePath(name));
        f.open(QIODevice::ReadOnly);
        files << f.readAll();
    }
    return files;
}

QStringList DeployRig::helmValuesModes() const
{
    QStringList modes;
    QDir records(m_tools->recordsDir());
    for (const QString& name : records.entryList({ QStringLiteral("helm-values-*.mode") }, QDir::Files, QDir::Name)) {
        QFile f(records.filePath(name));
        f.open(QIODevice::ReadOnly);
        modes << QString::fromUtf8(f.readAll()).trimmed();
    }
    return modes;
}

void DeployRig::pollHelm()
{
    QFile request(stateDir() + QStringLiteral("/helm-request"));
    if (!request.exists() || !request.open(QIODevice::ReadOnly))
        return;
    const QString path = QString::fromUtf8(request.readAll()).trimmed();
    if (!path.endsWith(QLatin1String(".yaml")))
        return; // still being written
    request.close();
    request.remove();
    install(path);
    writeFile(stateDir() + QStringLiteral("/helm-done"), {});
}

// What the chart does with Quayside's values: Deployments running the given images, the Services.
void DeployRig::install(const QString& valuesCopy)
{
    ++m_installs;
    const YAML::Node values = YAML::LoadFile(valuesCopy.toStdString());
    FakeApiServer* api = m_api.server();
    api->applyObject(Scenario::namespaceManifest(QStringLiteral("todo-app")));
    for (const char* name : { "backend", "frontend" }) {
        const YAML::Node image = values[name]["image"];
        if (!image["repository"] || !image["tag"]) {
            m_installError = QStringLiteral("no image values for %1").arg(QString::fromLatin1(name));
            continue;
        }
        const QString reference = QString::fromStdString(image["repository"].as<std::string>()) + QLatin1Char(':')
            + QString::fromStdString(image["tag"].as<std::string>());
        if (m_crashLoop && QLatin1String(name) == QLatin1String("backend"))
            api->setImageBehaviour(reference, PodBehaviour::CrashLoop);
        Scenario::Deployment d;
        d.namespace_ = QStringLiteral("todo-app");
        d.name = QString::fromLatin1(name);
        Scenario::Container c;
        c.name = d.name;
        c.image = reference;
        c.port = QLatin1String(name) == QLatin1String("backend") ? 8000 : 3000;
        d.containers = { c };
        d.annotations = { { QStringLiteral("checksum/secret"),
                            QString::fromStdString(values["secrets"]["checksum"].as<std::string>("")) } };
        api->applyObject(Scenario::deploymentManifest(d));
    }
    Scenario::Service frontend;
    frontend.namespace_ = QStringLiteral("todo-app");
    frontend.name = QStringLiteral("frontend-service");
    frontend.type = QStringLiteral("NodePort");
    frontend.port = 3000;
    frontend.nodePort = healthPort();
    frontend.selector = { { QStringLiteral("app"), QStringLiteral("frontend") } };
    api->applyObject(Scenario::serviceManifest(frontend));
}

} // namespace quayside::test
