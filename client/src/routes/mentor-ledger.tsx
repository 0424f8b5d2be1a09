// Admins: one mentor's ledger accounts (available, held, frozen, owed) and the entries of each,
// newest first. Reached from a mentor's name on a booking (the booking page, the admin lists).
import { For, Show, createSignal } from "solid-js";
import { A, useParams } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import type { MentorLedgerAccount } from "../gql/graphql";
import { forRoles } from "../features/auth/require-role";
import { EmptyState } from "../components/ui";
import { QueryState } from "../components/query-state";
import { formatDateTime } from "../lib/format";
import { safeDecode } from "../lib/ids";
import { ForEachId } from "../components/keyed";

const MentorLedgerDocument = graphql(`
  query MentorLedger($mentorId: ID!, $account: MentorLedgerAccount, $first: Int!) {
    mentorLedger(mentorId: $mentorId) {
      mentor {
        id
        name
      }
      balance {
        formatted
      }
      heldBalance {
        formatted
      }
      frozenBalance {
        formatted
      }
      owed {
        formatted
      }
      entries(account: $account, first: $first) {
        pageInfo {
          hasNextPage
        }
        edges {
          node {
            id
            kind
            side
            description
            createdAt
            bookingId
            amount {
              formatted
            }
          }
        }
      }
    }
  }
`);

const ACCOUNTS: { account: MentorLedgerAccount; label: string }[] = [
  { account: "AVAILABLE", label: "Available" },
  { account: "HELD", label: "Held" },
  { account: "FROZEN", label: "Frozen" },
  { account: "OWED", label: "Owed" },
];
const PAGE = 20;

function MentorLedgerView() {
  const params = useParams();
  const [account, setAccount] = createSignal<MentorLedgerAccount>("AVAILABLE");
  const [pages, setPages] = createSignal(1);
  const query = createQuery({
    query: MentorLedgerDocument,
    variables: () => ({ mentorId: safeDecode(params.id ?? ""), account: account(), first: PAGE * pages() }),
    context: { additionalTypenames: ["Booking", "Payout"] },
  });
  const [result] = query;
  const ledger = () => result.data?.mentorLedger;
  const balances = () => {
    const l = ledger();
    return l ? { AVAILABLE: l.balance, HELD: l.heldBalance, FROZEN: l.frozenBalance, OWED: l.owed } : undefined;
  };
  return (
    <section class="page">
      <p class="breadcrumb">
        <A href="/admin">← Admin</A>
      </p>
      <QueryState
        query={query}
        loading="Loading the ledger…"
        error="We could not load this ledger."
        isEmpty={!ledger()}
        empty={
          <>
            <h1>Ledger not found</h1>
            <p>No mentor has this id.</p>
          </>
        }
      >
        <div class="page-head">
          <h1>Ledger of {ledger()!.mentor.name}</h1>
        </div>
        <dl class="balances card">
          <For each={ACCOUNTS}>
            {(item) => (
              <div>
                <dt>{item.label}</dt>
                <dd>{balances()![item.account].formatted}</dd>
              </div>
            )}
          </For>
        </dl>
        <div class="field filter">
          <label for="ledger-account">Entries of</label>
          <select
            id="ledger-account"
            onChange={(event) => {
              setAccount(event.currentTarget.value as MentorLedgerAccount);
              setPages(1);
            }}
          >
            <For each={ACCOUNTS}>{(item) => <option value={item.account}>{item.label}</option>}</For>
          </select>
        </div>
        <Show when={ledger()!.entries.edges.length > 0} fallback={<EmptyState title="No entries in this account." />}>
          <ul class="card list" aria-label="Ledger entries">
            <ForEachId each={ledger()!.entries.edges.map((edge) => edge.node)}>
              {(node) => (
                <li class="list-row">
                  <div>
                    <p>
                      <strong>
                        {node().side === "CREDIT" ? "+" : "−"}
                        {node().amount.formatted}
                      </strong>{" "}
                      · {node().kind.replaceAll("_", " ").toLowerCase()} · {node().description}
                    </p>
                    <p class="muted">
                      <time datetime={node().createdAt}>{formatDateTime(node().createdAt)}</time>
                      <Show when={node().bookingId}>
                        {(bookingId) => (
                          <>
                            {" · "}
                            <A href={`/bookings/${encodeURIComponent(bookingId())}`}>the booking</A>
                          </>
                        )}
                      </Show>
                    </p>
                  </div>
                </li>
              )}
            </ForEachId>
          </ul>
          <Show when={ledger()!.entries.pageInfo.hasNextPage}>
            <button type="button" class="button button-secondary" onClick={() => setPages((n) => n + 1)}>
              Show more
            </button>
          </Show>
        </Show>
      </QueryState>
    </section>
  );
}

export default forRoles(["ADMIN"], MentorLedgerView);
