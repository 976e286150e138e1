// Verifies shenhe webhooks (docs/api.md, "Webhooks") with Go's standard library only.
// Run: SHENHE_WEBHOOK_SECRET=whsec_… PORT=3000 go run verify.go
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// VerifyWebhook reports whether signatureHeader ("t=<unix seconds>,v1=<hex>") is a valid HMAC-SHA256 of
// "<t>.<raw body>" under secret, made at most tolerance ago (or ahead). rawBody must be the exact bytes received.
func VerifyWebhook(rawBody []byte, signatureHeader, secret string, tolerance time.Duration, now time.Time) bool {
	var t int64 = -1
	var signatures [][]byte
	for _, part := range strings.Split(signatureHeader, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		if key == "t" {
			if n, err := strconv.ParseInt(value, 10, 64); err == nil && n >= 0 {
				t = n
			}
		}
		if key == "v1" && len(value) == 64 {
			if b, err := hex.DecodeString(value); err == nil {
				signatures = append(signatures, b)
			}
		}
	}
	if t < 0 || len(signatures) == 0 {
		return false
	}
	age := now.Unix() - t
	if age < 0 {
		age = -age
	}
	if age > int64(tolerance/time.Second) {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(t, 10) + "."))
	mac.Write(rawBody)
	expected := mac.Sum(nil)
	for _, s := range signatures {
		if hmac.Equal(s, expected) {
			return true
		}
	}
	return false
}

func main() {
	secret := os.Getenv("SHENHE_WEBHOOK_SECRET")
	if secret == "" {
		log.Fatal("set SHENHE_WEBHOOK_SECRET")
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	var mu sync.Mutex
	seen := map[string]bool{} // delivery ids already handled: a retry of a handled event changes nothing
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		raw, err := io.ReadAll(r.Body)
		if err != nil || r.Method != http.MethodPost || !VerifyWebhook(raw, r.Header.Get("X-Shenhe-Signature"), secret, 5*time.Minute, time.Now()) {
			fmt.Fprintln(os.Stderr, "refused: bad or missing signature")
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var event struct {
			Type, ID, ExternalID, Status string
		}
		if err := json.Unmarshal(raw, &event); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		delivery := r.Header.Get("X-Shenhe-Delivery")
		mu.Lock()
		first := !seen[delivery]
		seen[delivery] = true
		mu.Unlock()
		if first {
			// Publish or hide the content here (event.ExternalID, event.Status), then answer 2xx.
			line, _ := json.Marshal(map[string]string{"delivery": delivery, "type": event.Type, "id": event.ID, "externalId": event.ExternalID, "status": event.Status})
			fmt.Println(string(line))
		}
		w.WriteHeader(http.StatusNoContent)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %d\n", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(ln, nil))
}
