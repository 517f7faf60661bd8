/* The declarations of ztguard's Node addon. Generated from the Rust sources (their `///`
 * docs) by `napi build`, with this header written by hand: edit `src/`, not this file. */
/* eslint-disable */

/**
 * Every error ztguard throws (and every promise rejection): an `Error` whose `code` is the
 * stable error code, with where the problem is as properties, each present when known.
 */
export interface ZtguardError extends Error {
  /** The stable error code; script against it, never against the message. */
  code: ErrorRecord['code']
  /** Input or policy file. */
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** 1-based column in `file`. */
  column?: number
  /** JSON pointer into the facts document or the input document. */
  pointer?: string
  /** Policy rule, as `data.<package>.<rule>` or a rule id. */
  rule?: string
  /** Every schema violation, for `schema` errors. */
  violations?: Array<SchemaViolation>
  /** The error as data, as `ztguard check --format json` prints it. */
  record: ErrorRecord
}

/** The answer to an `AdmissionReview` request, for the API server (`Engine.admit`). */
export interface AdmissionReviewResponse {
  /** The request's own version: `admission.k8s.io/v1` or `admission.k8s.io/v1beta1`. */
  apiVersion: string
  kind: 'AdmissionReview'
  response: {
    /** The request's `uid`. */
    uid: string
    allowed: boolean
    /** Present when denied: 403 for denying findings, 400 or 500 when judging failed. */
    status?: { code: number; reason?: string; message: string }
    /** Findings that do not deny, one line each (at most 256 characters). */
    warnings?: Array<string>
  }
}
