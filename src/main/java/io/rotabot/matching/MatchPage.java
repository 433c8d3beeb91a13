package io.rotabot.matching;

import java.util.List;

/**
 * One page of an organization's matches.
 *
 * @param items the matches on this page
 * @param total how many match the filter
 * @param page the page number, from 0
 * @param size the page size
 */
public record MatchPage(List<Match> items, long total, int page, int size) {
}
