package dev.natssandbox.push;

import java.util.List;

/**
 * The outcome of pushing several accounts: each account with each server's answer. Pushing goes on after a failed
 * account, so the report says exactly which accounts made it.
 *
 * @param accounts one entry per account, in push order
 */
public record PushReport(List<AccountPush> accounts) {
    /**
     * Copies the list.
     *
     * @param accounts one entry per account, in push order
     */
    public PushReport {
        accounts = List.copyOf(accounts);
    }

    /** @return whether every account reached every expected server */
    public boolean allApplied() {
        return accounts.stream().allMatch(AccountPush::applied);
    }

    /** @return the names of the accounts every server applied */
    public List<String> applied() {
        return accounts.stream().filter(AccountPush::applied).map(AccountPush::name).toList();
    }

    /** @return the accounts some server did not apply */
    public List<AccountPush> failed() {
        return accounts.stream().filter(a -> !a.applied()).toList();
    }

    /**
     * @return this report
     * @throws DeploymentException naming the accounts that made it and those that did not, with the servers' answers
     */
    public PushReport requireApplied() {
        if (!allApplied()) {
            throw new DeploymentException("push incomplete: applied by every server " + applied() + "; not applied "
                    + failed() + ". Fix the cause and push again (pushing is idempotent)");
        }
        return this;
    }
}
