#pragma once

// The texts AskAiPanelTest's stand-ins print. In a header of their own: moc reads the test's .cpp and
// does not understand raw string literals holding markdown's backticks.

namespace quayside::test {

inline constexpr char kKubeconfig[] = R"(apiVersion: v1
kind: Config
clusters:
- name: minikube
  cluster:
    server: https://127.0.0.1:8443
contexts:
- name: minikube
  context:
    cluster: minikube
    user: minikube
    namespace: todo-app
current-context: minikube
users:
- name: minikube
  user:
    token: minikube-token
)";

// What kubectl-ai 0.0.x prints with --quiet: its trace of the read-only commands it ran, then the
// answer as markdown (the stand-in prints the first "Running:" line itself). POD is replaced by the
// pod the prompt names.
inline constexpr char kCrashLoopAnswer[] = R"(  Running: kubectl logs POD -n todo-app --previous

The backend pod POD is in CrashLoopBackOff: the app exits right after it starts, and Kubernetes restarts it with a growing delay. Its previous log ends with a Python traceback:

    KeyError: 'DATABASE_URL'

The container reads DATABASE_URL from its environment and the variable is not set: the Secret todo-app-secrets has no DATABASE_URL key yet.

Add the key to the Secret (in Quayside: the Secrets page), then restart the deployment so that new pods read it, and check the rollout:

```sh
kubectl create secret generic todo-app-secrets -n todo-app --from-literal=DATABASE_URL=... --dry-run=client -o yaml | kubectl apply -f -
kubectl rollout restart deployment/backend -n todo-app
kubectl rollout status deployment/backend -n todo-app
```

To watch the new pod start, follow its log with `kubectl logs -f deployment/backend -n todo-app`.
)";

// kubectl: what the real one prints for the commands the tests run.
inline constexpr char kKubectlBody[] = R"(case "$*" in
  *"rollout restart"*) echo "deployment.apps/backend restarted" ;;
  *"rollout status"*) echo "Waiting for deployment \"backend\" rollout to finish: 1 old replicas are pending termination..."
                      echo "deployment \"backend\" successfully rolled out" ;;
  *) echo "NAME   READY   STATUS   RESTARTS   AGE" ;;
esac
)";

} // namespace quayside::test
