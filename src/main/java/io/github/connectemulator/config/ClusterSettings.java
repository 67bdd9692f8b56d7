package io.github.connectemulator.config;

import java.util.List;

/**
 * Cluster mode: keys {@code cluster.*} of {@code conf/emulator.properties}.
 *
 * @param host the address the Hazelcast member and the clustered event bus bind to and advertise
 * @param port the Hazelcast member port
 * @param busPort the clustered event bus port; 0 for any free port
 * @param members the {@code host:port} of members to join over TCP/IP (multicast is never used)
 * @param kubernetesService when not empty, Hazelcast's Kubernetes discovery of this service instead of the list
 * @param backups synchronous backup copies of every instance's state, on other members
 */
public record ClusterSettings(boolean enabled, String name, String host, int port, int busPort, List<String> members,
    String kubernetesService, int backups) {}
