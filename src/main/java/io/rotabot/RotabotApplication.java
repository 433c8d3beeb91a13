package io.rotabot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Rotabot: rotates MSP customers' passwords, on request, in bulk, on schedule, or when a ticket asks. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RotabotApplication {

    public static void main(String[] args) {
        SpringApplication.run(RotabotApplication.class, args);
    }
}
