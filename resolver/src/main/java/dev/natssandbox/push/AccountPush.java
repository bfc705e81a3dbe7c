package dev.natssandbox.push;

import java.util.List;

/**
 * One account pushed to a deployment, with every server's answer.
 *
 * @param name      the account's name
 * @param publicKey the account's public key
 * @param answers   one answer per server that answered
 * @param expected  how many servers were expected to answer
 */
public record AccountPush(String name, String publicKey, List<ServerAnswer> answers, int expected) {
    /**
     * Copies the list.
     *
     * @param name      the account's name
     * @param publicKey the account's public key
     * @param answers   one answer per server that answered
     * @param expected  how many servers were expected to answer
     */
    public AccountPush {
        answers = List.copyOf(answers);
    }

    /** @return whether every expected server answered and applied it */
    public boolean applied() {
        return answers.size() >= expected && answers.stream().allMatch(ServerAnswer::ok);
    }

    @Override
    public String toString() {
        return name + " " + publicKey + ": " + (applied() ? "pushed" : "NOT pushed") + " (" + answers.size() + " of "
                + expected + " servers answered) " + answers;
    }
}
