#!/usr/bin/env bash
# Sends a ticket to the demo's fake Autotask as one of its contacts, waits for Rotabot's note, and
# shows the note, the rotation and the vault record's revisions.
# usage: docker/demo-ticket.sh [contact e-mail] [title] [description]
set -euo pipefail
BASE=${ROTABOT_URL:-http://localhost:8080}
EMAIL=${1:-alice@acme.test}
TITLE=${2:-Forgot my password}
DESCRIPTION=${3:-Hi, I forgot my password and I am locked out of my PC. Please reset it.}

json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }

created=$(curl -fsS -X POST "$BASE/sandbox/tickets" -H 'Content-Type: application/json' \
  -d "{\"contactEmail\":\"$(json_escape "$EMAIL")\",\"title\":\"$(json_escape "$TITLE")\",\"description\":\"$(json_escape "$DESCRIPTION")\"}")
ticket=$(printf '%s' "$created" | sed -n 's/.*"ticketId":\([0-9]*\).*/\1/p')
echo "Ticket $ticket created as $EMAIL: \"$TITLE\""
echo "Waiting for Rotabot (the fake Autotask has sent the webhook)..."
for _ in $(seq 1 60); do
  view=$(curl -fsS "$BASE/sandbox/tickets/$ticket")
  if curl -fsS -u admin:demo "$BASE/engine-rest/task?processInstanceBusinessKey=$ticket" | grep -q '"name":"Review ticket'; then
    echo; echo "Ticket $ticket waits for a technician (someone else's or a privileged account, several accounts, an unsure"
    echo "ticket or a burst of resets). Review it in Tasklist, $BASE/camunda/app/tasklist (admin / demo)."
    echo "Its note so far:"
    printf '%s' "$view" | sed -n 's/.*"notes":\[\(.*\)\]}$/\1/p' | sed 's/\\n/\n    /g; s/","/",\n  "/g'; echo
    echo "What Rotabot decided for each account: curl -u admin:demo $BASE/api/tickets/$ticket/targets"
    exit 0
  fi
  if printf '%s' "$view" | grep -q '"notes":\[{'; then
    echo; echo "Note on ticket $ticket:"
    printf '%s' "$view" | sed -n 's/.*"notes":\[\(.*\)\]}$/\1/p' | sed 's/\\n/\n    /g; s/","/",\n  "/g'
    echo; echo; echo "What Rotabot decided and did for each account the ticket asked for:"
    curl -fsS -u admin:demo "$BASE/api/tickets/$ticket/targets"; echo
    link=$(printf '%s' "$view" | grep -o 'http[^" ]*/passwords/[0-9]*' | head -n 1 || true)
    if [ -n "$link" ]; then echo; echo "Vault record $link:"; curl -fsS "$link"; echo; fi
    exit 0
  fi
  sleep 1
done
echo "No note after 60 s. Is the ticket about a password reset? Is its rotation waiting for the minimum password age?"
echo "  curl -u admin:demo $BASE/api/rotations     Cockpit: $BASE/camunda (admin / demo)"
exit 1
