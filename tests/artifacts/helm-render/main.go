// helm-render: `helm template` for the chart's tests on machines without helm, built from the parts
// Helm itself renders with: Go's text/template, the sprig function library, Helm's own functions
// (include, required, fail, toYaml, toJson, fromYaml; not tpl) and values validation with
// xeipuuv/gojsonschema, the validator Helm used up to 3.17. Values are read as Helm reads them (YAML
// to JSON: numbers become float64) and merged as Helm merges -f files. Each rendered document must
// parse strictly (no duplicate keys) and have apiVersion, kind and a valid metadata.name, as helm
// lint requires.
//
// With -compare DIR, the rendering (without the helm test hook) must equal the manifests in DIR, up
// to the labels and annotations only Helm sets: the plain manifests are the chart's default
// rendering.
//
// Built against Debian's Go packages in GOPATH mode (tests/artifacts/helm-render-test.sh).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"github.com/xeipuuv/gojsonschema"
	yaml "gopkg.in/yaml.v2"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// YAML -> JSON-like (map[string]interface{}, float64), as sigs.k8s.io/yaml does for Helm values.
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, val := range t {
			m[fmt.Sprint(k)] = normalize(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = normalize(t[i])
		}
		return t
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case uint64:
		return float64(t)
	default:
		return v
	}
}

func readYAML(path string) map[string]interface{} {
	data, err := os.ReadFile(path)
	must(err)
	var raw interface{}
	must(yaml.Unmarshal(data, &raw))
	if raw == nil {
		return map[string]interface{}{}
	}
	return normalize(raw).(map[string]interface{})
}

func coalesce(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = coalesce(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

func setPath(vals map[string]interface{}, path string, value interface{}) {
	parts := strings.Split(path, ".")
	m := vals
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = value
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func toYAML(v interface{}) string {
	// sigs.k8s.io/yaml goes through JSON: same key order (sorted) and number forms as yaml.v2 here.
	j, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var back interface{}
	_ = yaml.Unmarshal(j, &back)
	data, err := yaml.Marshal(back)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func main() {
	var valueFiles, sets, setStrings multi
	chartDir := flag.String("chart", "", "chart directory")
	release := flag.String("name", "todo-chatbot", "release name")
	namespace := flag.String("namespace", "todo-app", "namespace")
	notes := flag.Bool("notes", false, "print NOTES.txt")
	compare := flag.String("compare", "", "directory of plain manifests the rendering must equal")
	flag.Var(&valueFiles, "f", "values file")
	// Unlike helm's --set, the value is read as YAML: pass strings such as "-" with -set-string.
	flag.Var(&sets, "set", "key=value (YAML-typed)")
	flag.Var(&setStrings, "set-string", "key=value (string)")
	flag.Parse()

	chart := readYAML(filepath.Join(*chartDir, "Chart.yaml"))
	vals := readYAML(filepath.Join(*chartDir, "values.yaml"))
	for _, f := range valueFiles {
		vals = coalesce(vals, readYAML(f))
	}
	for _, s := range sets {
		kv := strings.SplitN(s, "=", 2)
		var v interface{}
		must(yaml.Unmarshal([]byte(kv[1]), &v))
		setPath(vals, kv[0], normalize(v))
	}
	for _, s := range setStrings {
		kv := strings.SplitN(s, "=", 2)
		setPath(vals, kv[0], kv[1])
	}

	// Schema validation, as Helm does before rendering.
	if schema, err := os.ReadFile(filepath.Join(*chartDir, "values.schema.json")); err == nil {
		vj, _ := json.Marshal(vals)
		res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(vj))
		must(err)
		if !res.Valid() {
			var msgs []string
			for _, e := range res.Errors() {
				msgs = append(msgs, "- "+e.String())
			}
			must(errors.New("values don't meet the specifications of the schema(s):\n" + strings.Join(msgs, "\n")))
		}
	}

	meta := map[string]interface{}{
		"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"],
		"Description": chart["description"], "KubeVersion": chart["kubeVersion"],
	}
	top := map[string]interface{}{
		"Values":       vals,
		"Chart":        meta,
		"Release":      map[string]interface{}{"Name": *release, "Namespace": *namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
		"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.33.1", "Major": "1", "Minor": "33"}},
	}

	files, _ := filepath.Glob(filepath.Join(*chartDir, "templates", "*"))
	more, _ := filepath.Glob(filepath.Join(*chartDir, "templates", "*", "*"))
	files = append(files, more...)
	sort.Strings(files)
	chartName := fmt.Sprint(chart["name"])
	// Stricter than helm template (missingkey=zero), as helm lint --strict is: a template that reads a
	// value values.yaml does not define fails here.
	t := template.New("gotpl").Option("missingkey=error")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	includedNames := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		includedNames[name]++
		if includedNames[name] > 1000 {
			return "", fmt.Errorf("recursion in %s", name)
		}
		var buf bytes.Buffer
		err := t.ExecuteTemplate(&buf, name, data)
		includedNames[name]--
		return buf.String(), err
	}
	funcs["toYaml"] = toYAML
	funcs["toJson"] = func(v interface{}) string { b, _ := json.Marshal(v); return string(b) }
	funcs["fromYaml"] = func(s string) map[string]interface{} { return readYAMLString(s) }
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil {
			return v, errors.New(msg)
		}
		if s, ok := v.(string); ok && s == "" {
			return v, errors.New(msg)
		}
		return v, nil
	}
	funcs["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	funcs["tpl"] = func(s string, data interface{}) (string, error) { return "", errors.New("tpl not supported") }
	funcs["lookup"] = func(...interface{}) (map[string]interface{}, error) { return map[string]interface{}{}, nil }
	t.Funcs(funcs)

	names := []string{}
	for _, f := range files {
		info, _ := os.Stat(f)
		if info.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(*chartDir, f)
		name := chartName + "/" + filepath.ToSlash(rel)
		data, err := os.ReadFile(f)
		must(err)
		_, err = t.New(name).Parse(string(data))
		must(err)
		names = append(names, name)
	}
	// Helm's Template object per file.
	var out bytes.Buffer
	var notesOut string
	rendered := map[string]interface{}{}
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "_") {
			continue
		}
		top["Template"] = map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, top); err != nil {
			must(fmt.Errorf("%s: %w", name, err))
		}
		if base == "NOTES.txt" {
			notesOut = buf.String()
			continue
		}
		s := buf.String()
		if strings.TrimSpace(s) == "" {
			continue
		}
		lintDocs(name, s)
		if !strings.Contains(name, "/templates/tests/") {
			collect(rendered, s)
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, s)
	}
	if *compare != "" {
		compareWith(*compare, rendered)
		return
	}
	fmt.Print(out.String())
	if *notes {
		fmt.Println("=== NOTES ===")
		fmt.Print(notesOut)
	}
}

func readYAMLString(s string) map[string]interface{} {
	var raw interface{}
	if err := yaml.Unmarshal([]byte(s), &raw); err != nil || raw == nil {
		return map[string]interface{}{}
	}
	return normalize(raw).(map[string]interface{})
}

var dns1123 = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

// A part of helm lint: each document parses (strictly: no duplicate keys), has apiVersion, kind
// and a valid metadata.name.
func lintDocs(name, s string) {
	for i, doc := range strings.Split(s, "\n---") {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		var m map[string]interface{}
		if err := yaml.UnmarshalStrict([]byte(doc), &m); err != nil {
			must(fmt.Errorf("%s doc %d: YAML parse error: %v\n%s", name, i, err, doc))
		}
		if m == nil {
			continue
		}
		if m["apiVersion"] == nil || m["kind"] == nil {
			must(fmt.Errorf("%s doc %d: missing apiVersion or kind", name, i))
		}
		md, _ := m["metadata"].(map[interface{}]interface{})
		n := fmt.Sprint(md["name"])
		if !dns1123.MatchString(n) || len(n) > 253 {
			must(fmt.Errorf("%s: invalid metadata.name %q", name, n))
		}
	}
}

// Documents keyed by kind/name, without what only Helm adds.
func collect(into map[string]interface{}, s string) {
	for _, doc := range strings.Split(s, "\n---") {
		var raw interface{}
		must(yaml.Unmarshal([]byte(doc), &raw))
		if raw == nil {
			continue
		}
		m := normalize(raw).(map[string]interface{})
		md := m["metadata"].(map[string]interface{})
		if labels, ok := md["labels"].(map[string]interface{}); ok {
			delete(labels, "helm.sh/chart")
			delete(labels, "app.kubernetes.io/managed-by")
		}
		if spec, ok := m["spec"].(map[string]interface{}); ok {
			if tmpl, ok := spec["template"].(map[string]interface{}); ok {
				tmd := tmpl["metadata"].(map[string]interface{})
				if labels, ok := tmd["labels"].(map[string]interface{}); ok {
					delete(labels, "helm.sh/chart")
					delete(labels, "app.kubernetes.io/managed-by")
				}
				if ann, ok := tmd["annotations"].(map[string]interface{}); ok {
					for k := range ann {
						if strings.HasPrefix(k, "checksum/") {
							delete(ann, k)
						}
					}
					if len(ann) == 0 {
						delete(tmd, "annotations")
					}
				}
			}
		}
		into[fmt.Sprintf("%s/%s", m["kind"], md["name"])] = m
	}
}

func compareWith(dir string, rendered map[string]interface{}) {
	plain := map[string]interface{}{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		must(err)
		collect(plain, string(data))
	}
	failed := false
	keys := make([]string, 0, len(rendered))
	for key := range rendered {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		doc := rendered[key]
		other, ok := plain[key]
		if !ok {
			fmt.Printf("FAIL: %s is rendered by the chart but missing from %s\n", key, dir)
			failed = true
			continue
		}
		if !reflect.DeepEqual(doc, other) {
			a, _ := yaml.Marshal(doc)
			b, _ := yaml.Marshal(other)
			fmt.Printf("FAIL: %s differs.\n--- chart\n%s--- %s\n%s", key, a, dir, b)
			failed = true
			continue
		}
		fmt.Printf("ok: %s matches\n", key)
	}
	if failed {
		os.Exit(1)
	}
}
