// A worker whose module fails to load, as with a broken build: it never reports ready.
throw new Error('this worker cannot start');
