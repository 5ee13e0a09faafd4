package dev.guardrails.scanner.rules.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The authorizer's matching of groups, resources (with wildcards and subresources) and verbs. */
class GrantTest {

    @ParameterizedTest(name = "{0} {1} {2} on {3}/{4}/{5} -> {6}")
    @CsvSource(delimiter = ';', value = {
            "'';        pods;             get;        '';    pods;             get;    true",
            "'';        pods;             get;        apps;  pods;             get;    false",
            "*;         pods;             get;        apps;  pods;             get;    true",
            "'';        *;                get;        '';    secrets;          get;    true",
            "'';        *;                get;        '';    pods/exec;        get;    true",
            "'';        pods;             *;          '';    pods/exec;        create; false",
            "'';        */exec;           create;     '';    pods/exec;        create; true",
            "'';        */exec;           create;     '';    pods;             create; false",
            "'';        pods/exec;        create;     '';    pods/attach;      create; false",
            "'';        secrets;          list watch; '';    secrets;          get;    false",
            "apps batch; deployments jobs; create;    batch; jobs;             create; true",
    })
    void allows(String groups, String resources, String verbs, String group, String resource, String verb,
                boolean expected) {
        Grant grant = new Grant("rules[0]", split(groups), split(resources), split(verbs), List.of());
        assertThat(grant.allows(group, resource, verb)).isEqualTo(expected);
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of("") : Arrays.asList(text.split(" "));
    }
}
