package dev.cacheaudit.sample.demo;

import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserRepository;
import dev.cacheaudit.sample.user.UserService;
import java.util.List;
import java.util.Objects;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Reads every user by id and by e-mail several times, renames each one, then reads them again by both keys. */
@Component
@Order(1)
class UserTraffic implements Traffic {

    private static final int READ_ROUNDS = 5;

    private final UserService service;

    private final UserRepository repository;

    UserTraffic(UserService service, UserRepository repository) {
        this.service = Objects.requireNonNull(service, "service");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public void drive(TrafficLog log) {
        List<Long> ids = repository.findAll(Sort.by("id")).stream()
                .map(User::getId)
                .filter(Objects::nonNull)
                .toList();
        for (int round = 0; round < READ_ROUNDS; round++) {
            for (long id : ids) {
                UserDto user = log.read(service.find(id));
                log.read(service.findByEmail(user.email()));
            }
        }
        for (long id : ids) {
            UserDto before = service.find(id);
            UserDto renamed = log.write(service.rename(id, before.name() + " (renamed)"));
            for (int round = 0; round < 2; round++) {
                log.readExpecting("user " + id, renamed.name(), service.find(id).name());
                log.readExpecting(
                        "user " + renamed.email(),
                        renamed.name(),
                        service.findByEmail(renamed.email()).name());
            }
        }
    }
}
