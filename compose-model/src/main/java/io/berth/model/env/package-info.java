/**
 * Environment files and variables: the {@code .env}/{@code env_file} formats
 * ({@link io.berth.model.env.DotEnv}, {@link io.berth.model.env.RawEnvFile}), the project's interpolation
 * environment ({@link io.berth.model.env.ProjectEnvironment}) and a service's container environment
 * ({@link io.berth.model.env.ServiceEnvironment}).
 */
package io.berth.model.env;
