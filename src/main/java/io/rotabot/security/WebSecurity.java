package io.rotabot.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Webhooks authenticate by their HMAC signature, the Camunda webapps by their own
 * login, the sandbox fakes by the vendors' headers; the REST API and the engine's REST API need the
 * administrator (the engine's is open by default, which must never reach production).
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class WebSecurity {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, Environment environment) throws Exception {
        // the sandbox's fakes exist only in the demo; anywhere else their paths are closed
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        // the Camunda webapps send their own X-XSRF-TOKEN, checked by their own CSRF filter; Spring's would refuse
        // their sign-in and every form they post
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**", "/api/**", "/engine-rest/**", "/sandbox/**", "/camunda/**"))
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/sandbox/**").access((authentication, context) -> new AuthorizationDecision(demo))
                .requestMatchers("/webhooks/**", "/actuator/health/**", "/actuator/health").permitAll()
                // the webapps' login pages ask /camunda-welcome whether to greet a first visit: a 401 with a Basic
                // challenge there would open the browser's own sign-in dialog over Camunda's login
                .requestMatchers("/camunda/**", "/camunda-welcome", "/", "/error").permitAll()
                .requestMatchers("/api/**", "/engine-rest/**", "/actuator/**").hasRole("ADMIN")
                .anyRequest().denyAll())
            .httpBasic(Customizer.withDefaults())
            // the Camunda webapps keep their own session and CSRF token
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService administrators(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername(properties.adminUser())
                .password(encoder.encode(properties.adminPassword()))
                .roles("ADMIN")
                .build());
    }
}
