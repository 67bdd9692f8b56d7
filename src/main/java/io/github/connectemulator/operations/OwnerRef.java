package io.github.connectemulator.operations;

/**
 * One execution owner: where it takes commands, and its slot among this node's owners (what per-owner bounds are kept
 * by).
 */
public record OwnerRef(int slot, String address) {}
