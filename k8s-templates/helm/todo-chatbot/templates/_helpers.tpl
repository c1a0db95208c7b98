{{/*
The chart name, for the app.kubernetes.io/name and app.kubernetes.io/part-of labels.
*/}}
{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object of the release.
*/}}
{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/part-of: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels of one component: (dict "context" $ "component" "backend").
Only labels that stay the same for the life of a release: a Deployment's selector cannot change.
*/}}
{{- define "todo-chatbot.selectorLabels" -}}
app: {{ .component }}
app.kubernetes.io/name: {{ include "todo-chatbot.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
All labels of one component's objects: (dict "context" $ "component" "backend").
*/}}
{{- define "todo-chatbot.componentLabels" -}}
{{ include "todo-chatbot.labels" .context }}
app: {{ .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
The Secret the backend reads: the one named in secrets.existingSecret, or the one the chart creates.
*/}}
{{- define "todo-chatbot.secretName" -}}
{{- default .Values.secrets.name .Values.secrets.existingSecret }}
{{- end }}

{{/*
The backend's address inside the cluster, for the frontend's NEXT_PUBLIC_API_URL.
*/}}
{{- define "todo-chatbot.backendUrl" -}}
{{- if .Values.frontend.apiUrl }}
{{- .Values.frontend.apiUrl }}
{{- else }}
{{- printf "http://%s:%v" .Values.backend.service.name .Values.backend.service.port }}
{{- end }}
{{- end }}
