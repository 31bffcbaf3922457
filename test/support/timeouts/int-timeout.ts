// testTimeout is a global jest option, ignored inside projects: each tier sets its own here.
jest.setTimeout(120_000);
