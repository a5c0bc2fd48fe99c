// Stand-in for an optional native codec package: loading it fails, so the caller reports the codec as unavailable.
throw new Error('This compression codec is not available in the lab shell; use gzip or bzip2 instead.');
