// provision: the reference Go libraries (nats-io/jwt v2, nats-io/nkeys) doing what the nats-sandbox benchmark
// provision_1000x2_ms measures, so that both are timed on the same machine in the same run: an operator with a
// system account, N accounts with 2 users each, every JWT signed, and the nsc store, keystore, creds files and a
// memory-resolver server.conf written, accounts in parallel over GOMAXPROCS workers.
//
// Usage: provision OUT_DIR ACCOUNTS   (prints "ELAPSED_MS <ms>")
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "provision:", err)
		os.Exit(1)
	}
}

type writer struct {
	mu   sync.Mutex
	dirs map[string]bool
}

func (w *writer) write(path string, data []byte) {
	dir := filepath.Dir(path)
	w.mu.Lock()
	if !w.dirs[dir] {
		check(os.MkdirAll(dir, 0700))
		w.dirs[dir] = true
	}
	w.mu.Unlock()
	check(os.WriteFile(path, data, 0600))
}

func (w *writer) seed(keys string, kp nkeys.KeyPair) {
	pub, err := kp.PublicKey()
	check(err)
	seed, err := kp.Seed()
	check(err)
	w.write(filepath.Join(keys, "keys", pub[0:1], pub[1:3], pub+".nk"), seed)
}

type account struct {
	name, pub, token string
}

func main() {
	out := os.Args[1]
	n, err := strconv.Atoi(os.Args[2])
	check(err)
	start := time.Now()

	w := &writer{dirs: map[string]bool{}}
	stores := filepath.Join(out, "stores", "Bench")
	keys := filepath.Join(out, "keys")

	op, err := nkeys.CreateOperator()
	check(err)
	opPub, _ := op.PublicKey()
	w.seed(keys, op)

	names := []string{"SYS"}
	for i := 0; i < n; i++ {
		names = append(names, "A"+strconv.Itoa(i))
	}
	accounts := make([]account, len(names))
	work := make(chan int)
	var wg sync.WaitGroup
	for g := 0; g < runtime.GOMAXPROCS(0); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				name := names[i]
				akp, err := nkeys.CreateAccount()
				check(err)
				apub, _ := akp.PublicKey()
				ac := jwt.NewAccountClaims(apub)
				ac.Name = name
				token, err := ac.Encode(op)
				check(err)
				adir := filepath.Join(stores, "accounts", name)
				w.write(filepath.Join(adir, name+".jwt"), []byte(token))
				w.seed(keys, akp)
				users := []string{"sys"}
				if name != "SYS" {
					users = []string{"svc", "client"}
				}
				for _, u := range users {
					ukp, err := nkeys.CreateUser()
					check(err)
					upub, _ := ukp.PublicKey()
					uc := jwt.NewUserClaims(upub)
					uc.Name = u
					if u == "svc" {
						uc.Pub.Allow.Add("_INBOX.>")
						uc.Sub.Allow.Add("req.a")
					} else if u == "client" {
						uc.Pub.Allow.Add("req.a")
						uc.Sub.Allow.Add("_INBOX.>")
					}
					ut, err := uc.Encode(akp)
					check(err)
					w.write(filepath.Join(adir, "users", u+".jwt"), []byte(ut))
					w.seed(keys, ukp)
					seed, _ := ukp.Seed()
					creds, err := jwt.FormatUserConfig(ut, seed)
					check(err)
					w.write(filepath.Join(keys, "creds", "Bench", name, u+".creds"), creds)
				}
				accounts[i] = account{name, apub, token}
			}
		}()
	}
	for i := range names {
		work <- i
	}
	close(work)
	wg.Wait()

	oc := jwt.NewOperatorClaims(opPub)
	oc.Name = "Bench"
	oc.SystemAccount = accounts[0].pub
	opToken, err := oc.Encode(op)
	check(err)
	w.write(filepath.Join(stores, "Bench.jwt"), []byte(opToken))
	w.write(filepath.Join(stores, ".nsc"), []byte(`{"managed":false,"name":"Bench","kind":"operator","version":"1"}`))

	sort.Slice(accounts, func(i, j int) bool { return accounts[i].pub < accounts[j].pub })
	var b strings.Builder
	fmt.Fprintf(&b, "// Operator \"Bench\"\noperator: %s\n\nsystem_account: %s\n\nresolver: MEMORY\n\nresolver_preload: {\n",
		opToken, oc.SystemAccount)
	for _, a := range accounts {
		fmt.Fprintf(&b, "  // Account %q\n  %s: %s\n\n", a.name, a.pub, a.token)
	}
	b.WriteString("}\n")
	w.write(filepath.Join(out, "server.conf"), []byte(b.String()))

	fmt.Printf("ELAPSED_MS %.1f\n", float64(time.Since(start).Microseconds())/1000)
}
