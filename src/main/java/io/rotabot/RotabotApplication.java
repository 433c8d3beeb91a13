package io.rotabot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Rotabot: rotates MSP customers' passwords, on request, in bulk, on schedule, or when a ticket asks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RotabotApplication {

    public static void main(String[] args) {
        SpringApplication.run(RotabotApplication.class, args);
    }
}
