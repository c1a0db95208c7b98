#pragma once

#include "diagnosis/Finding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace quayside {

// Why a rollout is not finishing, as data: the Deployments and how far each got, the pods that block
// them with their status and their last events, and what the diagnosis (app/diagnosis, the same
// rules as the dashboard's Problems panel and `quayside diagnose`) found about them. The Rollout step
// shows it, `deploy -o json` prints it, and an assistant (kubectl-ai, kagent) can be handed toJson()
// to explain the failure.
struct RolloutDiagnosis
{
    struct Event
    {
        QString type; // Normal, Warning
        QString reason; // BackOff, Failed, FailedScheduling ...
        QString message;
        int count = 1;
        QDateTime last;
    };

    struct Container
    {
        QString name;
        QString state; // running, waiting, terminated
        QString reason; // CrashLoopBackOff, ErrImagePull, OOMKilled ...
        QString message;
        int restarts = 0;
        bool ready = false;
        QString lastTerminationReason; // the previous run's end (Error, OOMKilled), when restarted
        int lastExitCode = 0;
    };

    struct Pod
    {
        QString name;
        QString deployment;
        QString phase;
        QString status; // kubectl's STATUS column: CrashLoopBackOff, ImagePullBackOff, Pending ...
        QString ready; // "0/1"
        int restarts = 0;
        QList<Container> containers;
        QList<Event> events; // oldest first, at most kMaxEvents
        QString problem; // the diagnosis' summary of what is wrong with it, or empty
    };

    struct Deployment
    {
        QString name;
        int desired = 0;
        int updated = 0;
        int available = 0;
        bool complete = false;
        bool found = true;
        QString message; // kubectl rollout status' sentence
    };

    static constexpr int kMaxEvents = 5;

    QString nameSpace;
    QList<Deployment> deployments;
    QList<Pod> blockingPods;
    // The diagnosis' findings about these Deployments and their blocking pods, with evidence and
    // actions, most severe first.
    QList<diagnosis::Finding> findings;
    QString error; // the cluster could not be asked

    bool isEmpty() const { return deployments.isEmpty() && blockingPods.isEmpty(); }
    // "backend-7d9c-x2k: CrashLoopBackOff (4 restarts)"; "" when nothing blocks.
    QString summary() const;
    // The report for a log pane: one block per pod with its containers and events.
    QStringList describe() const;
    QJsonObject toJson() const;
};

} // namespace quayside
