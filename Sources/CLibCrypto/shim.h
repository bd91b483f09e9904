// SHA-256 for short inputs from the system's OpenSSL libcrypto (libssl-dev): its low-level
// functions use the CPU's SHA instructions and allocate nothing, which matters when hashing
// tens of millions of Merkle nodes and rows. Everything else uses swift-crypto.
#define OPENSSL_API_COMPAT 10101
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <openssl/sha.h>

/// SHA-256 of `prefix` (0 or 1 byte, -1 for none) followed by `a` and `b` (either may be empty).
static inline void csha256(int prefix, const void *a, size_t alen, const void *b, size_t blen,
                           unsigned char out[32]) {
  SHA256_CTX context;
  SHA256_Init(&context);
  if (prefix >= 0) {
    unsigned char byte = (unsigned char)prefix;
    SHA256_Update(&context, &byte, 1);
  }
  if (alen > 0) SHA256_Update(&context, a, alen);
  if (blen > 0) SHA256_Update(&context, b, blen);
  SHA256_Final(out, &context);
}
