import {
  API_VERSION_PREFIX,
  INIT_ERROR_PATH,
  invocationErrorPath,
  NEXT_PATH,
  responsePath,
} from '../../../local/runtime/bootstrap/paths';

describe('Runtime API paths', () => {
  it("are the 2018-06-01 API's paths for next, response, error and init error", () => {
    // Act
    const paths = [NEXT_PATH, responsePath('r1'), invocationErrorPath('r1'), INIT_ERROR_PATH].map(
      (p) => API_VERSION_PREFIX + p,
    );

    // Assess
    expect(paths).toEqual([
      '/2018-06-01/runtime/invocation/next',
      '/2018-06-01/runtime/invocation/r1/response',
      '/2018-06-01/runtime/invocation/r1/error',
      '/2018-06-01/runtime/init/error',
    ]);
  });
});
