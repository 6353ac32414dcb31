package io.tocsin.learning;

/** Where a postmortem is: written ({@code DRAFT}), read by its reviewers ({@code IN_REVIEW}), out ({@code PUBLISHED}). */
public enum PostmortemStatus {
    DRAFT, IN_REVIEW, PUBLISHED
}
